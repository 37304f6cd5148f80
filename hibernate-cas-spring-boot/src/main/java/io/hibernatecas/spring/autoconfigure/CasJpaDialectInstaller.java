package io.hibernatecas.spring.autoconfigure;

import io.hibernatecas.spring.CasJpaDialect;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Gives each {@code LocalContainerEntityManagerFactoryBean} with Hibernate's vendor adapter and no dialect of its
 * own a {@link CasJpaDialect}, before it initializes (it would otherwise take the adapter's plain
 * {@code HibernateJpaDialect}). {@code JpaTransactionManager} and the repositories' exception translation then use
 * it through the factory.
 */
final class CasJpaDialectInstaller implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LocalContainerEntityManagerFactoryBean factory && factory.getJpaDialect() == null
                && factory.getJpaVendorAdapter() instanceof HibernateJpaVendorAdapter) {
            factory.setJpaDialect(new CasJpaDialect());
        }
        return bean;
    }
}
