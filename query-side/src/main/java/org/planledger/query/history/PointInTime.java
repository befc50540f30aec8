package org.planledger.query.history;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.planledger.query.support.TimeParameters;

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
     * Reads the query parameters ({@link TimeParameters}): {@code asOf} is an ISO-8601 instant with an offset or a date
     * meaning the end of that day in the ledger's zone; {@code validAt} is a date.
     */
    public static PointInTime parse(String asOf, String validAt, ZoneId zone) {
        return new PointInTime(TimeParameters.instant("asOf", asOf, zone, TimeParameters.DayEdge.END),
                TimeParameters.date("validAt", validAt));
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
}
