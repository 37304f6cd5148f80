package io.hibernatecas.spring.autoconfigure;

import java.util.List;

import io.hibernatecas.CasConflictException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.persistence.EntityManagerFactory;

/**
 * hibernate-cas in a Spring MVC application: conflicts answered as problem details
 * ({@link CasConflictProblemHandler}) and {@code IfMatch} controller parameters.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, CasConflictException.class })
public class CasWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "hibernate.cas.spring.problem-details.enabled", matchIfMissing = true)
    static CasConflictProblemHandler casConflictProblemHandler() {
        return new CasConflictProblemHandler();
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "hibernate.cas.spring.if-match.enabled", matchIfMissing = true)
    static WebMvcConfigurer casIfMatchConfigurer(ObjectProvider<EntityManagerFactory> factories) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new IfMatchArgumentResolver(factories));
            }
        };
    }
}
