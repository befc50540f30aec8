package org.planledger.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Text rendering of cell values for the text formats (CSV, PDF): dates as the language writes them, times in the plan's zone. */
final class Cells {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter VI_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter VI_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Cells() {
    }

    static String text(Object value, Language language) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return language == Language.VI ? VI_DATE.format(date) : date.toString();
        }
        if (value instanceof Instant instant) {
            return (language == Language.VI ? VI_TIME : EN_TIME).format(instant.atZone(ZONE)) + " (UTC+7)";
        }
        if (value instanceof Double rate) {
            return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
        }
        return value.toString();
    }
}
