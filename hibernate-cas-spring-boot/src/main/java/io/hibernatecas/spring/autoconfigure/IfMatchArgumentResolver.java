package io.hibernatecas.spring.autoconfigure;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.hibernatecas.spring.IfMatch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Resolves controller parameters of type {@link IfMatch} from the request's {@code If-Match} header. The instance
 * finds the {@code EntityManager} of the transaction that is active when {@link IfMatch#expectOn(Object)} is
 * called (the application's single {@code EntityManagerFactory}).
 */
final class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

    private final ObjectProvider<EntityManagerFactory> factories;

    IfMatchArgumentResolver(ObjectProvider<EntityManagerFactory> factories) {
        this.factories = factories;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IfMatch.class;
    }

    @Override
    public IfMatch resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String[] values = webRequest.getHeaderValues(HttpHeaders.IF_MATCH);
        List<String> header = values == null ? Collections.emptyList() : List.of(values);
        return IfMatch.parse(header, transactionalEntityManager());
    }

    private Supplier<EntityManager> transactionalEntityManager() {
        return () -> {
            EntityManagerFactory factory = factories.getIfUnique();
            return factory == null ? null : EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
        };
    }
}
