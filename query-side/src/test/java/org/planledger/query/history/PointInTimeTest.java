package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.LedgerException;

class PointInTimeTest {

    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void neitherParameterMeansTheCurrentReadModel() {
        assertThat(PointInTime.parse(null, "", HANOI).isNow()).isTrue();
    }

    @Test
    void asOfAloneIsAnsweredInRecordedOrderAndValidAtInEffectiveOrder() {
        assertThat(PointInTime.parse("2024-06-20T03:00:00Z", null, HANOI).axis()).isEqualTo("R");
        assertThat(PointInTime.parse(null, "2024-06-01", HANOI).axis()).isEqualTo("V");
        assertThat(PointInTime.parse("2024-06-20T03:00:00Z", "2024-06-01", HANOI).axis()).isEqualTo("V");
    }

    @Test
    void asOfReadsInstantsWithAnOffsetAndDatesAsTheEndOfThatDay() {
        assertThat(PointInTime.parse("2024-06-20T03:00:00Z", null, HANOI).asOf()).isEqualTo(Instant.parse("2024-06-20T03:00:00Z"));
        assertThat(PointInTime.parse("2024-06-20T10:00:00+07:00", null, HANOI).asOf()).isEqualTo(Instant.parse("2024-06-20T03:00:00Z"));
        assertThat(PointInTime.parse("2024-06-20", null, HANOI).asOf()).isEqualTo(Instant.parse("2024-06-20T16:59:59.999999Z"));
    }

    @Test
    void overdueCountsFromValidAtElseTheDayOfAsOfElseToday() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), HANOI);
        assertThat(PointInTime.parse("2024-06-20T18:00:00Z", "2024-06-01", HANOI).referenceDay(clock)).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(PointInTime.parse("2024-06-20T18:00:00Z", null, HANOI).referenceDay(clock)).isEqualTo(LocalDate.of(2024, 6, 21));
        assertThat(PointInTime.NOW.referenceDay(clock)).isEqualTo(LocalDate.of(2026, 11, 29));
    }

    @Test
    void unreadableParametersAreRefusedNamingTheFieldAndRule() {
        assertThatThrownBy(() -> PointInTime.parse("yesterday", null, HANOI)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.field() + "/" + e.rule()).isEqualTo("asOf/iso-instant"));
        assertThatThrownBy(() -> PointInTime.parse(null, "2024-13-01", HANOI)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.field() + "/" + e.rule()).isEqualTo("validAt/iso-date"));
        assertThatThrownBy(() -> PointInTime.parse("2024-06-20T10:00:00", null, HANOI)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.field() + "/" + e.rule()).isEqualTo("asOf/iso-instant"));
        assertThatThrownBy(() -> PointInTime.parse(null, " 2024-06-01", HANOI)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.field() + "/" + e.rule()).isEqualTo("validAt/iso-date"));
    }
}
