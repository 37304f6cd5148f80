package io.hibernatecas.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hibernatecas.CasConfigurationException;

import org.hibernate.Version;
import org.hibernate.mapping.RootClass;
import org.hibernate.persister.entity.AbstractEntityPersister;

/**
 * Which Hibernate ORM runs, and which way of plugging in it needs. hibernate-cas compiles against the 7.4 baseline
 * and runs on three lines from the same classes:
 * <ul>
 *   <li>{@link Line#STATE_MANAGEMENT} (7.4.x): Hibernate asks the entity hierarchy's {@code StateManagement} for
 *       its coordinators, so {@link CoordinatorInstallation} assigns {@link CasStateManagement};</li>
 *   <li>{@link Line#PERSISTER_HOOKS} (7.2.x, 7.3.x): the persister builds its coordinators in the protected
 *       {@code buildUpdateCoordinator()}/{@code buildDeleteCoordinator()}, which {@link CasPersisters} override.</li>
 * </ul>
 * Any other version (6.x, 7.0, 7.1, a 7.5 or 8.x we have not seen) fails the bootstrap with {@link #unsupported}
 * before anything is registered, never with a {@code NoSuchMethodError} or an entity left unguarded.
 * <p>
 * The version comes from {@code org.hibernate.Version#getVersionString()}, which reads the jar manifest; where the
 * manifest has none (Hibernate then says {@code [WORKING]}), the line is recognised by a method only it has.
 */
public final class HibernateVersions {

    /** The Hibernate ORM lines this hibernate-cas supports, as the unsupported-version message names them. */
    public static final String SUPPORTED = "7.2.x, 7.3.x and 7.4.x";

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:\\..*)?");

    private static volatile Line current;

    /** How hibernate-cas installs its coordinators on a Hibernate line. */
    public enum Line {
        /** Hibernate 7.2.x and 7.3.x: persister subclasses override the coordinator factory methods. */
        PERSISTER_HOOKS,
        /** Hibernate 7.4.x: the incubating {@code StateManagement} chosen per entity hierarchy. */
        STATE_MANAGEMENT
    }

    private HibernateVersions() {
    }

    /**
     * The line of the Hibernate ORM on the class path.
     *
     * @throws CasConfigurationException if that version is not supported
     */
    public static Line current() {
        Line line = current;
        if (line == null) {
            line = lineOf(Version.getVersionString());
            current = line;
        }
        return line;
    }

    /**
     * The line a Hibernate ORM version string belongs to (the decision {@link #current()} applies).
     *
     * @throws CasConfigurationException naming the version and {@link #SUPPORTED} if it is not supported
     */
    public static Line lineOf(String version) {
        Matcher matcher = MAJOR_MINOR.matcher(version == null ? "" : version.trim());
        if (!matcher.matches()) {
            // no version in the jar's manifest (a repackaged jar, some native images): ask the classes instead
            return probe(version);
        }
        if (Integer.parseInt(matcher.group(1)) == 7) {
            switch (Integer.parseInt(matcher.group(2))) {
                case 2, 3:
                    return Line.PERSISTER_HOOKS;
                case 4:
                    return Line.STATE_MANAGEMENT;
                default:
                    break;
            }
        }
        throw unsupported(version);
    }

    /**
     * The line of the Hibernate on the class path, from the methods each line has: 7.4's
     * {@code RootClass#getStateManagementType()}, 7.2/7.3's protected
     * {@code AbstractEntityPersister#buildUpdateCoordinator()}.
     */
    private static Line probe(String version) {
        if (declares(RootClass.class, "getStateManagementType")) {
            return Line.STATE_MANAGEMENT;
        }
        if (declares(AbstractEntityPersister.class, "buildUpdateCoordinator")) {
            return Line.PERSISTER_HOOKS;
        }
        throw unsupported(version);
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            type.getDeclaredMethod(method);
            return true;
        }
        catch (NoSuchMethodException e) {
            return false;
        }
    }

    static CasConfigurationException unsupported(String version) {
        return new CasConfigurationException("hibernate-cas does not support Hibernate ORM " + version
                + " (found on the class path); it supports Hibernate ORM " + SUPPORTED
                + ": use one of those, or remove hibernate-cas");
    }
}
