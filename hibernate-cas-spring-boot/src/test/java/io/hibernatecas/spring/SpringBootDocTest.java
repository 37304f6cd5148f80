package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The example of docs/spring-boot.md is the application the tests compile and run, file by file. */
class SpringBootDocTest {

    private static final Path DOC = Path.of("../docs/spring-boot.md");
    private static final Path APP = Path.of("src/test/java/io/hibernatecas/spring/app");

    @Test
    void everyExampleBlockEqualsItsSourceFile() throws IOException {
        Matcher block = Pattern.compile("<!-- example: ([\\w.]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        List<String> files = new ArrayList<>();
        while (block.find()) {
            Path source = APP.resolve(block.group(1));
            assertThat(block.group(2).strip()).as(block.group(1)).isEqualTo(Files.readString(source).strip());
            files.add(block.group(1));
        }
        assertThat(files).contains("InvoiceController.java", "InvoiceService.java", "Invoice.java");
    }
}
