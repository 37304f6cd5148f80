package io.hibernatecas.spring.autoconfigure;

import java.time.Duration;

import io.hibernatecas.CasRetry;
import io.hibernatecas.spring.CasRetryPredicate;
import io.hibernatecas.spring.SpringAttemptTransactions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.transaction.PlatformTransactionManager;

import jakarta.persistence.EntityManagerFactory;

/**
 * hibernate-cas in a Spring Boot application with JPA: Spring's exception translation that keeps the conflict
 * ({@code CasJpaDialect}), the startup report, and {@code CasRetry} and the retry policy bound to Spring's
 * transactions. Runs after Boot's Hibernate JPA auto-configuration, whose
 * {@code EntityManagerFactory} and {@code PlatformTransactionManager} it uses.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ CasRetry.class, EntityManagerFactory.class })
@ImportRuntimeHints(CasRuntimeHints.class)
public class CasAutoConfiguration {

    /** {@code CasJpaDialect} on the application's entity manager factory bean (conflicts keep their type). */
    @Bean
    @ConditionalOnClass(name = "org.springframework.orm.jpa.vendor.HibernateJpaDialect")
    @ConditionalOnBooleanProperty(name = "hibernate.cas.spring.exception-translation.enabled", matchIfMissing = true)
    static CasJpaDialectInstaller casJpaDialectInstaller() {
        return new CasJpaDialectInstaller();
    }

    @Bean
    @ConditionalOnBean(EntityManagerFactory.class)
    @ConditionalOnBooleanProperty(name = "hibernate.cas.spring.startup-report.enabled", matchIfMissing = true)
    static CasStartupReport casStartupReport(ObjectProvider<EntityManagerFactory> factories) {
        return new CasStartupReport(factories);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.orm.jpa.EntityManagerFactoryUtils")
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    @ConditionalOnBooleanProperty(name = "hibernate.cas.spring.retry.enabled", matchIfMissing = true)
    static class RetryConfiguration {

        /** {@code CasRetry} of the factory's {@code hibernate.cas.retry.*}, each attempt a Spring transaction. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
        CasRetry casRetry(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager) {
            return CasRetry.of(entityManagerFactory)
                    .transactions(new SpringAttemptTransactions(transactionManager, entityManagerFactory));
        }

        /**
         * A Spring {@code RetryPolicy} (for {@code RetryTemplate}) with the library's classification and the
         * factory's {@code hibernate.cas.retry.*} settings: as many retries, the same initial and maximum pause,
         * doubling, with jitter of half the initial pause.
         */
        @Bean
        @ConditionalOnMissingBean(name = "casRetryPolicy")
        RetryPolicy casRetryPolicy(EntityManagerFactory entityManagerFactory) {
            CasRetry settings = CasRetry.of(entityManagerFactory);
            RetryPolicy.Builder policy = RetryPolicy.builder()
                    .predicate(new CasRetryPredicate())
                    .maxRetries(settings.maxRetries())
                    .delay(settings.initialBackoff())
                    .jitter(settings.initialBackoff().dividedBy(2))
                    .multiplier(2);
            if (settings.maxBackoff().compareTo(Duration.ZERO) > 0) {
                policy.maxDelay(settings.maxBackoff());
            }
            return policy.build();
        }
    }
}
