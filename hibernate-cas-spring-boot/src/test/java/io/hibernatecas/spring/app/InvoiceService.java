package io.hibernatecas.spring.app;

import io.hibernatecas.CasConflictException;
import io.hibernatecas.CasRetry;
import io.hibernatecas.EntityDeletedException;
import io.hibernatecas.spring.IfMatch;

import org.springframework.http.HttpStatus;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

@Service
public class InvoiceService {

    private final InvoiceRepository invoices;
    private final CasRetry retry;

    public InvoiceService(InvoiceRepository invoices, CasRetry retry) {
        this.invoices = invoices;
        this.retry = retry;
    }

    @Transactional(readOnly = true)
    public Invoice find(long id) {
        return load(id);
    }

    /** Applies the client's change if the row is still at the version in its If-Match (else 412). */
    @Transactional
    public Invoice update(long id, IfMatch ifMatch, InvoiceView change) {
        Invoice invoice = load(id);
        ifMatch.expectOn(invoice);
        invoice.setCustomer(change.customer());
        invoice.setAmount(change.amount());
        return invoice;
    }

    /** Runs again in a new transaction after a conflict; a deleted invoice is not retried (404). */
    @Retryable(includes = CasConflictException.class, excludes = EntityDeletedException.class,
            maxRetries = 2, delay = 10)
    @Transactional
    public Invoice pay(long id) {
        Invoice invoice = load(id);
        invoice.pay();
        return invoice;
    }

    /** Not transactional: CasRetry runs each attempt in a Spring transaction of its own. */
    public Invoice remind(long id) {
        return retry.fromTransaction(em -> {
            Invoice invoice = load(id);
            invoice.remind();
            return invoice;
        });
    }

    private Invoice load(long id) {
        return invoices.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
