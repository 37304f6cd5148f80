/**
 * hibernate-cas: compare-and-swap guards and typed conflicts for Hibernate ORM. Exports the API
 * ({@code io.hibernatecas}) and SPI ({@code io.hibernatecas.spi}) packages only; the implementation is opened to
 * Hibernate, which instantiates it reflectively.
 */
module io.hibernatecas {
    requires transitive jakarta.persistence;
    requires transitive org.hibernate.orm.core;
    requires org.jboss.logging;
    requires java.sql;
    requires java.naming;

    exports io.hibernatecas;
    exports io.hibernatecas.spi;

    opens io.hibernatecas.internal to org.hibernate.orm.core;

    uses io.hibernatecas.spi.SqlErrorClassifier;

    provides org.hibernate.integrator.spi.Integrator with io.hibernatecas.internal.CasIntegrator,
            io.hibernatecas.internal.OperationsIntegrator;
    provides org.hibernate.service.spi.ServiceContributor with io.hibernatecas.internal.CasServiceContributor;
}
