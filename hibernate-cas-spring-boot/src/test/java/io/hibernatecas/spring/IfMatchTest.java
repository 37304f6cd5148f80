package io.hibernatecas.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

class IfMatchTest {

    @Test
    void strongAndWeakTagsAreReadWithoutQuotes() {
        assertThat(IfMatch.parse("\"12\"").tag()).hasValue("12");
        assertThat(IfMatch.parse("W/\"12\"").tag()).hasValue("12");
        assertThat(IfMatch.parse("  \"12\"  ").tag()).hasValue("12");
        assertThat(IfMatch.parse("\"2026-11-30T20:00:00Z\"").tag()).hasValue("2026-11-30T20:00:00Z");
    }

    @Test
    void absentHeaderAndStarSetNoExpectation() {
        IfMatch absent = IfMatch.parse((String) null);
        IfMatch empty = IfMatch.parse(List.of());
        IfMatch any = IfMatch.parse("*");

        assertThat(absent.isPresent()).isFalse();
        assertThat(empty.isPresent()).isFalse();
        assertThat(any.isPresent()).isFalse();
        assertThat(any.isAny()).isTrue();
        assertThat(absent).hasToString("IfMatch[absent]");
        assertThat(any).hasToString("IfMatch[*]");
        // without a tag there is nothing to expect: no EntityManager is needed
        absent.expectOn(new Object());
        any.expectOn(new Object());
    }

    @Test
    void malformedHeadersAreRejectedWith400() {
        assertBadRequest("12", "Malformed If-Match header: entity-tags are quoted, as in If-Match: \"12\" or W/\"12\"");
        assertBadRequest("\"12", "Malformed If-Match header: an entity-tag lacks its closing quote");
        assertBadRequest("\"12\" \"13\"", "Malformed If-Match header: entity-tags are separated by commas");
        assertBadRequest(",", "Malformed If-Match header: no entity-tag");
        assertBadRequest("\"12\", W/\"13\"",
                "If-Match lists 2 entity-tags; this resource compares one, its version: If-Match: \"<version>\"");
    }

    @Test
    void severalHeaderLinesAreOneList() {
        IfMatchException e = catchThrowableOfType(IfMatchException.class,
                () -> IfMatch.parse(List.of("\"12\"", "\"13\"")));

        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void etagQuotesTheVersion() {
        assertThat(IfMatch.etag(12L)).isEqualTo("\"12\"");
    }

    @Test
    void expectOnWithoutATransactionSaysWhatToDo() {
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> IfMatch.parse(List.of("\"1\""), () -> null).expectOn(new Object()));

        assertThat(e).hasMessage("IfMatch.expectOn(entity) needs the EntityManager of the transaction that loaded "
                + "the entity: call it inside that @Transactional method, or use expectOn(em, entity)");
    }

    private static void assertBadRequest(String header, String detail) {
        IfMatchException e = catchThrowableOfType(IfMatchException.class, () -> IfMatch.parse(header));
        assertThat(e).as(header).isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.getBody().getDetail()).isEqualTo(detail);
        assertThat(e).hasMessage(detail);
        assertThat(e.getBody().getType()).hasToString("urn:hibernate-cas:problem:if-match");
    }
}
