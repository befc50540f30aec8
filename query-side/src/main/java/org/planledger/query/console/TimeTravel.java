package org.planledger.query.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.planledger.query.history.PointInTime;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The point in time a page shows, as given in its query string ({@code asOf}: as recorded at; {@code validAt}: in
 * force on), read by the same parser as the API, and the presets offered beside the controls.
 *
 * @param asOf    the text as given (an instant, a local date-time in the ledger's zone, or a date), or null
 * @param validAt an ISO date, or null
 */
public record TimeTravel(String asOf, String validAt, PointInTime at) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static TimeTravel of(String asOf, String validAt, Clock clock) {
        String a = blankToNull(asOf);
        String v = blankToNull(validAt);
        return new TimeTravel(a, v, PointInTime.parse(instantOf(a, clock), v, clock.getZone()));
    }

    /**
     * A browser's date-time control gives a local date-time without offset ({@code 2024-06-20T09:00}), which the API
     * refuses: the console reads it in the ledger's zone. Anything else goes to the API's parser as given.
     */
    static String instantOf(String asOf, Clock clock) {
        if (asOf == null || !asOf.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
            return asOf;
        }
        return java.time.LocalDateTime.parse(asOf).atZone(clock.getZone()).toInstant().toString();
    }

    public boolean now() {
        return at.isNow();
    }

    /** {@code ?asOf=…&validAt=…} (only what is set), to carry the point in time on every link. */
    public String query() {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        if (asOf != null) {
            b.queryParam("asOf", asOf);
        }
        if (validAt != null) {
            b.queryParam("validAt", validAt);
        }
        return b.build().encode().toUriString();
    }

    /**
     * The plan as in force on its adoption (its decision's date, else 1 January of its year); as recorded at the
     * start of this quarter; as recorded 30 days ago (the end of that day).
     */
    static List<Preset> presets(LocalDate adopted, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        String quarter = LOCAL.format(today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).atStartOfDay());
        String days30 = today.minusDays(30).toString();
        return List.of(new Preset("time.preset.adoption", "validAt=" + adopted, adopted.toString()),
                new Preset("time.preset.quarter", "asOf=" + quarter, quarter),
                new Preset("time.preset.days30", "asOf=" + days30, days30));
    }

    /**
     * @param query the preset's query string (without {@code ?})
     * @param at    the point as a recorded instant or date, for pages that take one (the baseline's {@code from})
     */
    public record Preset(String label, String query, String at) {
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
