package org.planledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planledger.query.support.TimeParameters.DayEdge;
import org.planledger.shared.api.LedgerException;

class TimeParametersTest {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void anInstantHasAnOffsetOrIsADateMeaningItsStartOrEndInTheLedgersZone() {
        assertThat(TimeParameters.instant("from", "2024-06-20T10:00:00+07:00", HANOI, DayEdge.START))
                .isEqualTo(Instant.parse("2024-06-20T03:00:00Z"));
        assertThat(TimeParameters.instant("from", "2024-06-20", HANOI, DayEdge.START)).isEqualTo(Instant.parse("2024-06-19T17:00:00Z"));
        assertThat(TimeParameters.instant("to", "2024-06-20", HANOI, DayEdge.END)).isEqualTo(Instant.parse("2024-06-20T16:59:59.999999Z"));
        assertThat(TimeParameters.instant("to", null, HANOI, DayEdge.END)).isNull();
        assertThat(TimeParameters.date("validAt", "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-06-20T10:00:00", " 2024-06-20T10:00:00Z", "20240620", "2024-06-20T10:00Z[UTC]", "yesterday",
            "1.5"})
    void anythingElseIsRefusedNamingTheParameterItCameIn(String text) {
        assertThatThrownBy(() -> TimeParameters.instant("to", text, HANOI, DayEdge.END))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.rule()).isIn("iso-instant", "iso-date");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01", "+57385-07-07", "1900-01-01", "2200-01-01"})
    void datesOutsideTheLedgersYearsAreRefused(String text) {
        assertThatThrownBy(() -> TimeParameters.date("validAt", text)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.field()).isEqualTo("validAt"));
        assertThatThrownBy(() -> TimeParameters.instant("asOf", text + "T00:00:00Z", HANOI, DayEdge.END))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.field()).isEqualTo("asOf"));
    }

    @Test
    void aDateIsExactlyYyyyMmDdOfTheCalendar() {
        for (String text : new String[] {"2024-02-30", "2024-1-01", " 2024-01-01", "2024-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> TimeParameters.date("validAt", text)).isInstanceOfSatisfying(LedgerException.class,
                    e -> assertThat(e.field() + "/" + e.rule()).isEqualTo("validAt/iso-date"));
        }
    }
}
