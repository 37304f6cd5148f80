package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;

/**
 * Run by the {@code aot} profile only (excluded from the default test run): the tests of this JVM use the application contexts that Spring's AOT
 * processing generated, and that processing wrote the hints of {@code CasRuntimeHints} into the native-image
 * metadata.
 */
class AotRunTest {

    @Test
    void contextsComeFromTheAotOutput() {
        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
    }

    @Test
    void theNativeImageMetadataKeepsWhatHibernateReadsReflectively() throws Exception {
        Path metadata = Path.of("target/spring-aot/test/resources/META-INF/native-image");
        String all;
        try (Stream<Path> files = Files.walk(metadata)) {
            all = files.filter(Files::isRegularFile).map(AotRunTest::read).reduce("", String::concat)
                    .replace("\\/", "/"); // JSON may escape the slash
        }
        assertThat(all)
                .contains("io.hibernatecas.internal.CasIntegrator")
                .contains("io.hibernatecas.internal.CasPersisters$SingleTable")
                .contains("io.hibernatecas.internal.CasStateManagement")
                .contains("META-INF/services/org.hibernate.integrator.spi.Integrator");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
