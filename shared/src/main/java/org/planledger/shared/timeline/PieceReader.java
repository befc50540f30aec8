package org.planledger.shared.timeline;

import org.planledger.shared.timeline.DueRule.AsRegulated;
import org.planledger.shared.timeline.DueRule.Bounded;
import org.planledger.shared.timeline.DueRule.EndOfMonth;
import org.planledger.shared.timeline.DueRule.EndOfQuarter;
import org.planledger.shared.timeline.DueRule.EndOfYear;
import org.planledger.shared.timeline.DueRule.Ongoing;
import org.planledger.shared.timeline.DueRule.Recurring;
import org.planledger.shared.timeline.DueRule.ServiceLevel;
import org.planledger.shared.timeline.DueRule.Triggered;

import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one piece of a timeline cell ("Kế hoạch (Tháng 7/2024)") into an optional product
 * label and a {@link DueRule}. Each form has its own small pattern; a piece is read only when
 * one of them accounts for all of its timing text, so nothing unknown is guessed at.
 */
final class PieceReader {

    /** The product label in front of the timing ("" when none) and the rule read. */
    record Reading(String label, DueRule rule) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String WORD_START = "(?<![\\p{L}\\p{N}])";
    /** "Quý", "quí", "Qúy": the spellings found in the source. */
    private static final String QUARTER_WORD = "(?:quý|quí|qúy|qúi)";
    /** "/2024" or " năm 2024"; absent means the plan's year. */
    private static final String YEAR_PART = "(?:\\s*(?:/|năm)\\s*(\\d{4}))?(?![\\p{N}/])";

    // The calendar atoms.
    private static final Pattern MONTH = Pattern.compile(
            WORD_START + "tháng\\s*(\\d{1,2})" + YEAR_PART, FLAGS);
    private static final Pattern QUARTER = Pattern.compile(
            WORD_START + QUARTER_WORD + "\\s*(IV|III|II|I|[1-4])(?!\\p{L})" + YEAR_PART, FLAGS);
    private static final Pattern YEAR = Pattern.compile(
            WORD_START + "năm\\s*(\\d{4})(?![\\p{N}/])", FLAGS);

    /** Where the timing starts within a piece: the first of these at parenthesis depth 0. */
    private static final Pattern HEAD = Pattern.compile(String.join("|",
            MONTH.pattern(), QUARTER.pattern(), YEAR.pattern(),
            WORD_START + "thường xuyên",
            WORD_START + "(?:sau khi|khi có)(?!\\p{L})",
            WORD_START + "(?:theo\\s+)?định kỳ",
            WORD_START + "theo quy định",
            WORD_START + "\\d{1,3}\\s*ngày làm việc",
            WORD_START + "\\d{1,2}\\s*năm\\s*\\d{1,2}\\s*lần"), FLAGS);

    // The forms, each matched against the whole timing text (from its head to the end).
    /** After a date: the legal basis for it, "theo quy định tại Quyết định số …". */
    private static final Pattern LEGAL_BASIS = Pattern.compile("\\s+theo quy định tại\\s+.+", FLAGS);
    private static final Pattern ONGOING = Pattern.compile("thường xuyên", FLAGS);
    private static final Pattern TRIGGERED = Pattern.compile(
            "(?:sau khi(?:\\s+có)?|khi có)\\s+(.+?)(?:\\s+(\\d{1,3})\\s*(ngày|tuần|tháng))?", FLAGS);
    private static final Pattern SERVICE_LEVEL = Pattern.compile(
            "(\\d{1,3})\\s*ngày làm việc\\s+kể từ\\s+(.+)", FLAGS);
    private static final Pattern AS_REGULATED = Pattern.compile(
            "(?:(?:theo\\s+)?định kỳ\\s+)?theo quy định", FLAGS);
    private static final String FREQUENCY = "(?:0?6\\s*tháng|tháng|" + QUARTER_WORD + "|năm)";
    private static final Pattern RECURRING = Pattern.compile(
            "(?:theo\\s+)?định kỳ\\s+(?:trước ngày\\s+(\\d{1,2})\\s+của\\s+)?(?:theo\\s+)?"
                    + "(" + FREQUENCY + "(?:\\s*[/,]\\s*" + FREQUENCY + ")*)(?:\\s+theo quy định)?", FLAGS);
    /** "01 năm 2 lần (06 tháng/lần)": so many times in so many years. */
    private static final Pattern TIMES_PER_YEARS = Pattern.compile(
            "(\\d{1,2})\\s*năm\\s*(\\d{1,2})\\s*lần(?:\\s*\\(\\s*(\\d{1,2})\\s*tháng\\s*/\\s*lần\\s*\\))?", FLAGS);

    /** A parenthesised note that is not timing: "(lồng ghép với Báo cáo CCHC năm 2024)". */
    private static final Pattern REMARK = Pattern.compile("lồng ghép(?!\\p{L}).*", FLAGS);
    /** Words between a product and its date that say nothing about either: "Kế hoạch ban hành Quý I/2024". */
    private static final Pattern LABEL_TAIL = Pattern.compile(
            "(?:^|[\\s,;:-]+)(?:(?:hoàn thành|ban hành)(?:\\s+trong)?|trong)?[\\s,;:-]*$", FLAGS);
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.;,]+$");

    private final int planYear;

    PieceReader(int planYear) {
        this.planYear = planYear;
    }

    /** True when the text contains anything that starts a timing; a piece without is only a product name. */
    static boolean mentionsTiming(String text) {
        return HEAD.matcher(text).find();
    }

    Optional<Reading> read(String piece) {
        String text = TRAILING_PUNCTUATION.matcher(piece).replaceAll("");
        if (text.endsWith(")")) {
            int open = Text.openingParen(text, text.length() - 1);
            if (open >= 0) {
                String before = text.substring(0, open).strip();
                String inner = text.substring(open + 1, text.length() - 1).strip();
                if (REMARK.matcher(inner).matches()) {
                    return readBare(before);
                }
                Optional<DueRule> innerRule = readTiming(inner);
                if (innerRule.isPresent()) {
                    return withParenthesisedTiming(before, inner, innerRule.get());
                }
            }
        }
        return readBare(text);
    }

    /** A rule alone, with nothing in front of it but a lead-in such as "Hoàn thành trong". */
    Optional<DueRule> readTiming(String text) {
        return readBare(text).filter(r -> r.label().isEmpty()).map(Reading::rule);
    }

    /**
     * "Kế hoạch (tháng 7/2024)": the label names the product, and the parenthesis gives its
     * date, even when the label itself describes a reporting cycle ("Báo cáo kết quả định kỳ
     * quý/6 tháng/năm theo quy định (tháng 12/2024)": the printed date is the one to keep).
     * "Năm 2024 (sau khi …)": a date bound with a condition.
     */
    private Optional<Reading> withParenthesisedTiming(String before, String inner, DueRule innerRule) {
        Optional<DueRule> boundingDate = readTiming(before).filter(PieceReader::isCalendarDate);
        if (boundingDate.isEmpty()) {
            return Optional.of(new Reading(cleanLabel(before), innerRule));
        }
        if (innerRule instanceof Triggered) {
            return Optional.of(new Reading("", new Bounded(boundingDate.get(), inner)));
        }
        return Optional.empty(); // two dates for one piece: ambiguous
    }

    private Optional<Reading> readBare(String text) {
        int[] depth = Text.depths(text);
        Matcher head = HEAD.matcher(text);
        while (head.find()) {
            if (depth[head.start()] == 0) {
                String label = cleanLabel(text.substring(0, head.start()));
                return readForm(text.substring(head.start()).strip(), text.strip())
                        .map(rule -> new Reading(label, rule));
            }
        }
        return Optional.empty();
    }

    /** @param piece the timing with its label, which the "as regulated" rule keeps as printed */
    private Optional<DueRule> readForm(String timing, String piece) {
        Optional<DueRule> date = readDate(timing);
        if (date.isPresent()) {
            return date;
        }
        if (ONGOING.matcher(timing).matches()) {
            return Optional.of(new Ongoing());
        }
        Matcher m = TRIGGERED.matcher(timing);
        if (m.matches()) {
            return Optional.of(new Triggered(m.group(1).strip(), offset(m.group(2), m.group(3))));
        }
        m = SERVICE_LEVEL.matcher(timing);
        if (m.matches()) {
            return Optional.of(new ServiceLevel(Integer.parseInt(m.group(1)), m.group(2).strip()));
        }
        if (AS_REGULATED.matcher(timing).matches()) {
            return Optional.of(new AsRegulated(piece));
        }
        m = RECURRING.matcher(timing);
        if (m.matches()) {
            Integer day = m.group(1) == null ? null : Integer.valueOf(m.group(1));
            return Optional.of(new Recurring(frequencies(m.group(2)), day));
        }
        m = TIMES_PER_YEARS.matcher(timing);
        if (m.matches()) {
            return timesPerYears(m).map(f -> new Recurring(List.of(f), null));
        }
        return Optional.empty();
    }

    /** A calendar atom, optionally followed by its legal basis. */
    private Optional<DueRule> readDate(String timing) {
        Matcher m;
        DueRule rule;
        if ((m = MONTH.matcher(timing)).lookingAt()) {
            int month = Integer.parseInt(m.group(1));
            if (month < 1 || month > 12) {
                return Optional.empty();
            }
            rule = new EndOfMonth(YearMonth.of(year(m.group(2)), month));
        } else if ((m = QUARTER.matcher(timing)).lookingAt()) {
            rule = new EndOfQuarter(year(m.group(2)), quarter(m.group(1)));
        } else if ((m = YEAR.matcher(timing)).lookingAt()) {
            rule = new EndOfYear(Integer.parseInt(m.group(1)));
        } else {
            return Optional.empty();
        }
        String rest = timing.substring(m.end());
        return rest.isBlank() || LEGAL_BASIS.matcher(rest).matches() ? Optional.of(rule) : Optional.empty();
    }

    private static boolean isCalendarDate(DueRule rule) {
        return rule instanceof EndOfMonth || rule instanceof EndOfQuarter || rule instanceof EndOfYear;
    }

    private int year(String printed) {
        return printed == null ? planYear : Integer.parseInt(printed);
    }

    private static int quarter(String printed) {
        return switch (printed.toUpperCase(Locale.ROOT)) {
            case "I", "1" -> 1;
            case "II", "2" -> 2;
            case "III", "3" -> 3;
            default -> 4; // "IV", "4": the pattern admits nothing else
        };
    }

    private static Period offset(String amount, String unit) {
        if (amount == null) {
            return Period.ZERO;
        }
        int n = Integer.parseInt(amount);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ngày" -> Period.ofDays(n);
            case "tuần" -> Period.ofWeeks(n);
            default -> Period.ofMonths(n);
        };
    }

    /** "quý/6 tháng/năm" → QUARTERLY, HALF_YEARLY, YEARLY, in printed order. */
    private static List<Frequency> frequencies(String printed) {
        List<Frequency> result = new ArrayList<>();
        for (String token : printed.split("[/,]")) {
            String t = Text.key(token);
            Frequency f = t.matches("0?6 ?tháng") ? Frequency.HALF_YEARLY
                    : t.equals("tháng") ? Frequency.MONTHLY
                    : t.equals("năm") ? Frequency.YEARLY
                    : Frequency.QUARTERLY; // the pattern admits only the quarter words besides
            if (!result.contains(f)) {
                result.add(f);
            }
        }
        return result;
    }

    /** "01 năm 2 lần (06 tháng/lần)": one period every 12·years/times months. */
    private static Optional<Frequency> timesPerYears(Matcher m) {
        int years = Integer.parseInt(m.group(1));
        int times = Integer.parseInt(m.group(2));
        if (years == 0 || times == 0 || (12 * years) % times != 0) {
            return Optional.empty();
        }
        int months = 12 * years / times;
        if (m.group(3) != null && Integer.parseInt(m.group(3)) != months) {
            return Optional.empty(); // the parenthesis contradicts the count
        }
        return switch (months) {
            case 1 -> Optional.of(Frequency.MONTHLY);
            case 3 -> Optional.of(Frequency.QUARTERLY);
            case 6 -> Optional.of(Frequency.HALF_YEARLY);
            case 12 -> Optional.of(Frequency.YEARLY);
            default -> Optional.empty();
        };
    }

    private static String cleanLabel(String label) {
        return LABEL_TAIL.matcher(label.strip()).replaceFirst("").strip();
    }
}
