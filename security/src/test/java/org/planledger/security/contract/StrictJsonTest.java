package org.planledger.security.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    record Body(String text, LocalDate day, Instant at, int count, List<String> items) {
    }

    private final ObjectMapper json = StrictJson.standalone();

    private Body read(String body) throws Exception {
        return json.readValue(body, Body.class);
    }

    @Test
    void wellTypedBodiesAreReadWithTextInNfc() throws Exception {
        Body body = read("{\"text\":\"Se\\u0301\",\"day\":\"2024-02-29\",\"at\":\"2024-06-20T10:00:00+07:00\",\"count\":3,"
                + "\"items\":[\"a\"]}");
        assertThat(body.text()).isEqualTo("S\u00e9");
        assertThat(body.day()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(body.at()).isEqualTo(Instant.parse("2024-06-20T03:00:00Z"));
        assertThat(body.count()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":123}", "{\"text\":true}", "{\"text\":1.5}", "{\"text\":[\"a\"]}", "{\"items\":[1]}"})
    void numbersBooleansAndArraysAreNotText(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(InputRuleException.class,
                e -> assertThat(e.rule()).isEqualTo("type:string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240101", "\"-999999999-01-01\"", "\" 2024-01-01\"", "\"2024-01-01T00:00:00Z\"",
            "\"2024-02-30\"", "\"+57385-07-07\"", "\"1900-01-01\"", "\"2024-1-1\""})
    void datesAreExactlyYyyyMmDdInTheLedgersYears(String day) {
        assertThatThrownBy(() -> read("{\"day\":" + day + "}")).isInstanceOfSatisfying(InputRuleException.class,
                e -> {
                    assertThat(e.rule()).isIn("iso-date", "date-range");
                    assertThat(e.getPath().get(0).getFieldName()).isEqualTo("day");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2024-06-20T10:00:00\"", "1718870400", "\"2024-06-20\""})
    void instantsCarryAnOffset(String at) {
        assertThatThrownBy(() -> read("{\"at\":" + at + "}")).isInstanceOfSatisfying(InputRuleException.class,
                e -> assertThat(e.rule()).isEqualTo("iso-instant"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\":\"3\"}", "{\"count\":1.5}", "{\"count\":null}", "{\"count\":3} x",
            "{\"count\":3}{}", "{\"count\":3,\"count\":4}", "{\"unknown\":1}", "{\"items\":\"a\"}"})
    void noCoercionNoTrailingTokensNoDuplicateOrUnknownFields(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(JsonProcessingException.class);
    }
}
