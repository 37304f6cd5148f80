package io.hibernatecas.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * The three-node MariaDB Galera cluster that {@code .ci/galera.sh start} runs on loopback, for the tests of the
 * {@code galera} Maven profile: one {@link TestDatabase} per node, all views of one database created on node 1
 * (Galera replicates the {@code CREATE DATABASE} and the tables to every node).
 * <p>
 * Nodes: {@code cas.galera.nodes} (default {@code 127.0.0.1:24301,127.0.0.1:24302,127.0.0.1:24303}), user
 * {@code cas.galera.user}/{@code cas.galera.password} (default cas/cas). Every connection sets
 * {@code wsrep_sync_wait=1}: a read waits until the node has applied every write set the cluster committed
 * before it, so a retry, a conflict diagnosis and the final check read the latest row, whichever node committed
 * it (without it, a node may still serve the row as it was before another node's commit).
 * <p>
 * A cluster that is not reachable skips the test with the reason, or fails it when {@code CI=true} or
 * {@code -Dcas.test.noSkip=true}, like every other database of the harness.
 */
public final class GaleraCluster implements AutoCloseable {

    /** Driver setting for every connection: causal reads on every node. */
    public static final String URL_PARAMETERS = "sessionVariables=wsrep_sync_wait=1";

    private final List<TestDatabase> nodes;

    private GaleraCluster(List<TestDatabase> nodes) {
        this.nodes = nodes;
    }

    /** Creates a new, empty database on the cluster and a view of it on every node; node 1 drops it at close. */
    public static GaleraCluster create(String label) {
        List<String> addresses = Arrays.asList(HarnessConfig.get("cas.galera.nodes")
                .orElse("127.0.0.1:24301,127.0.0.1:24302,127.0.0.1:24303").split(","));
        String user = HarnessConfig.get("cas.galera.user").orElse("cas");
        String password = HarnessConfig.get("cas.galera.password").orElse("cas");
        List<String> adminUrls = addresses.stream()
                .map(address -> "jdbc:mariadb://" + address.trim() + "/?" + URL_PARAMETERS).toList();
        requireCluster(adminUrls.get(0), user, password, addresses.size());
        String name = TestDatabase.uniqueName(label);
        List<TestDatabase> nodes = new ArrayList<>();
        for (int i = 0; i < adminUrls.size(); i++) {
            String adminUrl = adminUrls.get(i);
            DatabaseServer server = new DatabaseServer(DatabaseKind.MARIADB, adminUrl, user, password,
                    "Galera node " + (i + 1) + " at " + addresses.get(i).trim(), null);
            if (i == 0) {
                nodes.add(server.createDatabase(name));
            }
            else {
                nodes.add(new TestDatabase(server, name, DatabaseServer.withDatabase(adminUrl, name), user, password,
                        false));
            }
        }
        // node 1 closes the other views (and the factories on them) before it drops the database
        nodes.subList(1, nodes.size()).forEach(nodes.get(0)::closeAtEnd);
        return new GaleraCluster(List.copyOf(nodes));
    }

    private static void requireCluster(String url, String user, String password, int expectedSize) {
        String problem;
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet size = s.executeQuery("show status like 'wsrep_cluster_size'")) {
            int actual = size.next() ? Integer.parseInt(size.getString(2)) : 0;
            if (actual == expectedSize) {
                return;
            }
            problem = "the Galera cluster at " + url + " has " + actual + " nodes, expected " + expectedSize;
        }
        catch (SQLException | NumberFormatException e) {
            problem = "no Galera cluster at " + url + " (" + e.getMessage() + "); start one with .ci/galera.sh start";
        }
        if (HarnessConfig.noSkip()) {
            throw new IllegalStateException(problem);
        }
        Assumptions.abort(problem);
    }

    /** The view of the database on node {@code index} (0-based). */
    public TestDatabase node(int index) {
        return nodes.get(index);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * A Hibernate factory per node: node 1's creates the tables, the others use them; every connection reads
     * causally (the node URLs carry {@link #URL_PARAMETERS}).
     */
    public List<HibernateFixture> factories(Class<?>... entities) {
        List<HibernateFixture> factories = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            factories.add(HibernateTestFactory.forDatabase(nodes.get(i)).entities(entities)
                    .setting("hibernate.hbm2ddl.auto", i == 0 ? "create" : "none")
                    .build());
        }
        return factories;
    }

    @Override
    public void close() {
        nodes.get(0).close();
    }
}
