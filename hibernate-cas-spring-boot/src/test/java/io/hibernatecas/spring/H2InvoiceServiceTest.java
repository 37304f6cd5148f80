package io.hibernatecas.spring;

import org.springframework.test.context.TestPropertySource;

/** The invoice service on H2 (in memory). */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:invoices;DB_CLOSE_DELAY=-1")
class H2InvoiceServiceTest extends InvoiceServiceScenarios {
}
