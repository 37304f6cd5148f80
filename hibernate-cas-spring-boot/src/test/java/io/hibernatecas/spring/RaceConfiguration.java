package io.hibernatecas.spring;

import javax.sql.DataSource;

import io.hibernatecas.CasConflictException;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.hibernatecas.spring.app.Invoice;
import io.hibernatecas.spring.app.InvoiceService;

import org.hibernate.SessionFactory;
import io.hibernatecas.spring.app.InvoiceView;

/**
 * Test-only additions to the invoice application: the {@link ConcurrentWriter}, and a controller whose conflicts
 * an advice of the application's own answers (to show that it wins over the library's); the nested components
 * are registered as member classes of this configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
class RaceConfiguration {

    @Bean
    ConcurrentWriter concurrentWriter(DataSource dataSource) {
        return new ConcurrentWriter(dataSource);
    }

    @Bean
    HibernatePropertiesCustomizer concurrentWriterInspector(ConcurrentWriter writer) {
        return properties -> properties.put("hibernate.session_factory.statement_inspector", writer);
    }

    @RestController
    static class OwnController {

        private final InvoiceService invoices;

        OwnController(InvoiceService invoices) {
            this.invoices = invoices;
        }

        @PutMapping("/own/{id}")
        InvoiceView update(@PathVariable long id, io.hibernatecas.spring.IfMatch ifMatch,
                @org.springframework.web.bind.annotation.RequestBody InvoiceView change) {
            return InvoiceView.of(invoices.update(id, ifMatch, change));
        }
    }

    /** A write through a {@code StatelessSession}, whose conflict is Hibernate's view of it. */
    @RestController
    static class StatelessController {

        private final SessionFactory sessionFactory;

        StatelessController(jakarta.persistence.EntityManagerFactory entityManagerFactory) {
            this.sessionFactory = entityManagerFactory.unwrap(SessionFactory.class);
        }

        @PutMapping("/stateless/{id}/amount")
        void amount(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody String amount) {
            sessionFactory.inStatelessTransaction(session -> {
                Invoice invoice = session.get(Invoice.class, id);
                invoice.setAmount(Long.parseLong(amount));
                session.update(invoice);
            });
        }
    }

    /** The application's own mapping, for {@link OwnController} only. */
    @RestControllerAdvice(assignableTypes = OwnController.class)
    static class OwnConflictAdvice {

        @ExceptionHandler(CasConflictException.class)
        ResponseEntity<String> conflict(CasConflictException conflict) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body("own advice: " + conflict.getReason());
        }
    }
}
