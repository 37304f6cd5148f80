package io.hibernatecas.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.resilience.annotation.EnableResilientMethods;

/** The invoice service of docs/spring-boot.md, started by the tests on H2 and PostgreSQL. */
@SpringBootApplication
@EnableResilientMethods
public class InvoiceApplication {
}
