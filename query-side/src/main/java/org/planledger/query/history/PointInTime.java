package org.planledger.query.history;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;

/**
 * The point in time a question is asked about. {@code asOf} is recorded time: what the ledger had recorded at that
 * instant. {@code validAt} is effective time: the plan as in force on that date, counting every change whose
 * effective date is on or before it, also changes recorded later. Both together: what the ledger knew at
 * {@code asOf} about the plan in force on {@code validAt}. Neither: the current read model.
 *
 * @param asOf    null for "everything recorded so far"
 * @param validAt null for "as recorded, in recorded order" (asOf alone)
 */
public record PointInTime(Instant asOf, LocalDate validAt) {

    public static final PointInTime NOW = new PointInTime(null, null);

    /**
     * Reads the query parameters. {@code asOf} is an ISO instant ({@code 2024-06-20T03:00:00Z}), a date-time with an
     * offset, a local date-time in the ledger's zone, or a date meaning the end of that day in the ledger's zone.
     */
    public static PointInTime parse(String asOf, String validAt, ZoneId zone) {
        return new PointInTime(instant(asOf, zone), date(validAt));
    }

    public boolean isNow() {
        return asOf == null && validAt == null;
    }

    /** Which family of history rows answers: 'R' (recorded order) for asOf alone, 'V' (effective order) with validAt. */
    public String axis() {
        return validAt == null ? "R" : "V";
    }

    /** asOf for SQL: {@code infinity} when absent. */
    public OffsetDateTime recordedBound() {
        return asOf == null ? OffsetDateTime.MAX : asOf.atOffset(ZoneOffset.UTC);
    }

    /** validAt for SQL: {@code infinity} when absent. */
    public LocalDate validBound() {
        return validAt == null ? LocalDate.MAX : validAt;
    }

    /** The day that "overdue" and "due soon" are measured from: validAt, else the day of asOf, else today. */
    public LocalDate referenceDay(Clock clock) {
        if (validAt != null) {
            return validAt;
        }
        if (asOf != null) {
            return LocalDate.ofInstant(asOf, clock.getZone());
        }
        return LocalDate.now(clock);
    }

    private static Instant instant(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "asOf", "iso-instant",
                    "asOf must be an ISO instant such as 2024-06-20T10:15:00Z (or a date-time in the ledger's zone, "
                            + "or a date for the end of that day), not " + text);
        }
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "validAt", "iso-date",
                    "validAt must be an ISO date such as 2024-06-01, not " + text);
        }
    }
}
