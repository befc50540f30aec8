package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.LedgerException;

class TimeTravelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-09-16T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void aLocalDateTimeIsReadInTheLedgersZoneAndCarriedOnLinks() {
        TimeTravel time = TimeTravel.of("2024-06-20T09:00", " ", CLOCK);
        assertThat(time.at().asOf()).isEqualTo(Instant.parse("2024-06-20T02:00:00Z"));
        assertThat(time.validAt()).isNull();
        assertThat(time.query()).isEqualTo("?asOf=2024-06-20T09:00");
        assertThat(TimeTravel.of(null, null, CLOCK).now()).isTrue();
        assertThat(TimeTravel.of(null, null, CLOCK).query()).isEmpty();
    }

    @Test
    void presetsAreTheAdoptionInForceTheQuartersStartAndThirtyDaysAgo() {
        assertThat(TimeTravel.presets(LocalDate.of(2024, 1, 1), CLOCK)).extracting(TimeTravel.Preset::query)
                .containsExactly("validAt=2024-01-01", "asOf=2024-07-01T00:00", "asOf=2024-08-17");
    }

    @Test
    void aMalformedDateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> TimeTravel.of("20/06/2024", null, CLOCK)).isInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((LedgerException) e).field()).isEqualTo("asOf"));
    }
}
