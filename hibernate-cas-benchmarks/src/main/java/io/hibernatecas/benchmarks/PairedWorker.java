package io.hibernatecas.benchmarks;

import io.hibernatecas.benchmarks.model.CasItem;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.SchemaToolingSettings;

/**
 * The {@code @Cas} update of {@link PairedMain#ROWS} rows in a JVM of its own, driven by {@link RemoteOp}: so that
 * the same update can be measured, interleaved, against another build of hibernate-cas-core (an earlier commit's jar
 * put first on this JVM's class path). Reads commands from stdin ({@code run N}, {@code quit}) and answers each
 * {@code run} with one line {@code @@ cpuNanos bytes wallNanos} per operation, measured here on the thread that
 * runs the operations; the other output of the JVM goes to stderr.
 * <pre>
 * java -cp [earlier-core.jar:]benchmarks.jar io.hibernatecas.benchmarks.PairedWorker DB URL USER PASSWORD
 *      batched|unbatched create|reuse
 * </pre>
 */
public final class PairedWorker {

    private PairedWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        Endpoint endpoint = new Endpoint(DatabaseKind.of(args[0]), args[1], args[2], args[3]);
        boolean batched = args[4].equals("batched");
        boolean create = args[5].equals("create");
        try (BenchDataSource dataSource = new BenchDataSource(endpoint, 2)) {
            SessionFactory factory = HibernateBoot.over(dataSource).cas(true).batched(batched)
                    .setting(SchemaToolingSettings.HBM2DDL_AUTO, create ? "create" : "none").build(CasItem.class);
            if (create) {
                HibernateBoot.inTransaction(factory, em -> {
                    for (long i = 1; i <= PairedMain.ROWS; i++) {
                        em.persist(new CasItem(i, "item-" + i, i));
                    }
                });
            }
            HibernateUpdates updates = new HibernateUpdates(factory, CasItem.class, PairedMain.ROWS);
            String core = Class.forName("io.hibernatecas.internal.RowPlan").getProtectionDomain().getCodeSource()
                    .getLocation().toString();
            answers.println("@@ ready " + core);
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null && !command.equals("quit");
                 command = commands.readLine()) {
                int count = Integer.parseInt(command.substring("run ".length()).trim());
                PairedGroup.Sample sample = PairedGroup.measure(PairedMain.op(updates), count);
                answers.println("@@ " + sample.cpuNanos() + " " + sample.bytes() + " " + sample.wallNanos());
            }
            updates.close();
        }
    }
}
