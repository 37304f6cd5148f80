package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.Version;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

/**
 * The module's tests run on the Hibernate ORM that the Spring Boot under test manages (its
 * {@code spring-boot-dependencies} BOM), not on the library's build baseline: what Boot users run.
 */
class BootManagedVersionsTest {

    @Test
    void hibernateIsTheVersionThatSpringBootManages() throws Exception {
        Path bom = Path.of(System.getProperty("cas.test.bootBom"));
        Matcher managed = Pattern.compile("<hibernate\\.version>([^<]+)</hibernate\\.version>")
                .matcher(Files.readString(bom));

        assertThat(managed.find()).as("hibernate.version in %s", bom).isTrue();
        assertThat(Version.getVersionString()).isEqualTo(managed.group(1));
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("cas.test.springBootVersion"));
    }
}
