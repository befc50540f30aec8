package org.planledger.query.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Dates as Vietnamese readers write them ({@code dd/MM/yyyy}), instants in the ledger's zone. Templates: {@code @formats}. */
@Component("formats")
public class Formats {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    public String date(LocalDate date) {
        return date == null ? "—" : DAY.format(date);
    }

    public String instant(Instant instant) {
        return instant == null ? "—" : MINUTE.format(instant.atZone(clock.getZone()));
    }

    /** For an {@code <input type="datetime-local">}: the instant in the ledger's zone. */
    public String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(clock.getZone()));
    }

    /** Days from one date to another (negative: earlier). */
    public long days(LocalDate from, LocalDate to) {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
