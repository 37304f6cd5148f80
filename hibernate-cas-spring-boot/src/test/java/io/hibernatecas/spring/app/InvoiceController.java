package io.hibernatecas.spring.app;

import io.hibernatecas.spring.IfMatch;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/invoices")
public class InvoiceController {

    private final InvoiceService invoices;

    public InvoiceController(InvoiceService invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/{id}")
    public ResponseEntity<InvoiceView> get(@PathVariable long id) {
        return withETag(invoices.find(id));
    }

    @PutMapping("/{id}")
    public ResponseEntity<InvoiceView> update(@PathVariable long id, IfMatch ifMatch,
            @RequestBody InvoiceView change) {
        return withETag(invoices.update(id, ifMatch, change));
    }

    @PostMapping("/{id}/payment")
    public ResponseEntity<InvoiceView> pay(@PathVariable long id) {
        return withETag(invoices.pay(id));
    }

    @PostMapping("/{id}/reminder")
    public ResponseEntity<InvoiceView> remind(@PathVariable long id) {
        return withETag(invoices.remind(id));
    }

    private static ResponseEntity<InvoiceView> withETag(Invoice invoice) {
        return ResponseEntity.ok().eTag(IfMatch.etag(invoice.getVersion())).body(InvoiceView.of(invoice));
    }
}
