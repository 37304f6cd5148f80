package io.hibernatecas.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasSettings;
import io.hibernatecas.internal.CasConfig;

import org.junit.jupiter.api.Test;

/** docs/settings.md and the README list exactly the keys of {@link CasSettings} with the defaults the code uses. */
class SettingsDocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void settingsTableMatchesTheCode() throws IOException {
        assertThat(table(ROOT.resolve("docs/settings.md"))).isEqualTo(codeDefaults());
    }

    @Test
    void readmeSettingsTableMatchesTheCode() throws IOException {
        assertThat(table(ROOT.resolve("README.md"))).isEqualTo(codeDefaults());
    }

    @Test
    void everyKeyIsUnderThePrefixAndKnownToTheParser() throws IllegalAccessException {
        assertThat(constants()).allSatisfy(key -> assertThat(key).startsWith(CasSettings.PREFIX))
                .containsExactlyInAnyOrderElementsOf(CasConfig.KNOWN_KEYS);
    }

    private static Map<String, String> codeDefaults() {
        CasConfig defaults = CasConfig.from(Map.of());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(CasSettings.ENABLED, String.valueOf(defaults.enabled()));
        expected.put(CasSettings.DIAGNOSE, String.valueOf(defaults.diagnose()));
        expected.put(CasSettings.UNVERIFIABLE_UPDATES, defaults.failOnUnverifiable() ? "fail" : "warn");
        expected.put(CasSettings.MESSAGES_INCLUDE_VALUES, String.valueOf(defaults.includeValues()));
        expected.put(CasSettings.RETRY_MAX_RETRIES, String.valueOf(defaults.maxRetries()));
        expected.put(CasSettings.RETRY_INITIAL_BACKOFF, defaults.initialBackoff().toMillis() + "ms");
        expected.put(CasSettings.RETRY_MAX_BACKOFF, defaults.maxBackoff().toMillis() + "ms");
        return expected;
    }

    private static List<String> constants() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field field : CasSettings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.getName().equals("PREFIX")) {
                keys.add((String) field.get(null));
            }
        }
        return keys;
    }

    /** Key and default of every table row whose first cell is a {@code hibernate.cas.*} key. */
    private static Map<String, String> table(Path markdown) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(markdown)) {
            String[] cells = line.split("\\|");
            if (cells.length > 2 && cells[1].trim().startsWith("`hibernate.cas.")) {
                rows.put(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""));
            }
        }
        return rows;
    }
}
