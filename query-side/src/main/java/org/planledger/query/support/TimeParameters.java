package org.planledger.query.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.planledger.security.ProblemDetails;
import org.planledger.security.contract.TextRules;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;

/**
 * The one reading of points in time in query parameters, for every route ({@code asOf}, {@code validAt},
 * {@code from}, {@code to}): an instant is ISO-8601 with an offset ({@code 2024-06-20T10:15:00Z},
 * {@code 2024-06-20T17:15:00+07:00}) or a date {@code YYYY-MM-DD} meaning its start or its end in the ledger's zone;
 * a date is {@code YYYY-MM-DD}. Years from {@value TextRules#FIRST_YEAR} to {@value TextRules#LAST_YEAR}. A refusal
 * names the parameter it was given in.
 */
public final class TimeParameters {

    public static final String INSTANT_FORMS = "an ISO-8601 instant with an offset (2024-06-20T10:15:00Z) or a date "
            + "YYYY-MM-DD";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Where a date given for an instant falls: its first or its last moment. */
    public enum DayEdge { START, END }

    private TimeParameters() {
    }

    /** The instant of parameter {@code name}; null when absent. */
    public static Instant instant(String name, String text, ZoneId zone, DayEdge edge) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (DATE.matcher(text).matches()) {
            LocalDate day = date(name, text);
            return edge == DayEdge.START ? day.atStartOfDay(zone).toInstant()
                    : day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
        }
        OffsetDateTime moment;
        try {
            moment = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, name, "iso-instant",
                    name + " must be " + INSTANT_FORMS + ", not '" + ProblemDetails.clip(text) + "'");
        }
        inRange(name, moment.getYear());
        return moment.toInstant();
    }

    /** The date of parameter {@code name}; null when absent. */
    public static LocalDate date(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        LocalDate day = null;
        if (DATE.matcher(text).matches()) {
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeException e) {
                // refused below
            }
        }
        if (day == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, name, "iso-date",
                    name + " must be a date written YYYY-MM-DD, not '" + ProblemDetails.clip(text) + "'");
        }
        inRange(name, day.getYear());
        return day;
    }

    private static void inRange(String name, int year) {
        if (year < TextRules.FIRST_YEAR || year > TextRules.LAST_YEAR) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, name, "date-range",
                    name + " must lie between " + TextRules.FIRST_YEAR + " and " + TextRules.LAST_YEAR);
        }
    }
}
