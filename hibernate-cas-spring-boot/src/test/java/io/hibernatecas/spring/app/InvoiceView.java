package io.hibernatecas.spring.app;

public record InvoiceView(long id, String customer, long amount, String status, int reminders) {

    public static InvoiceView of(Invoice invoice) {
        return new InvoiceView(invoice.getId(), invoice.getCustomer(), invoice.getAmount(), invoice.getStatus(),
                invoice.getReminders());
    }
}
