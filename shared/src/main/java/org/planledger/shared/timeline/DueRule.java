package org.planledger.shared.timeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a milestone falls due, as read from the plan's "Thời gian" text.
 *
 * <p>Only the calendar forms (month, quarter, year, and a bounded one of those) resolve to a
 * date; the others describe an obligation the ledger cannot date on its own. The JSON type
 * names under {@code kind} are part of the published language: do not derive them from the
 * class names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DueRule.EndOfMonth.class, name = "end-of-month"),
        @JsonSubTypes.Type(value = DueRule.EndOfQuarter.class, name = "end-of-quarter"),
        @JsonSubTypes.Type(value = DueRule.EndOfYear.class, name = "end-of-year"),
        @JsonSubTypes.Type(value = DueRule.Recurring.class, name = "recurring"),
        @JsonSubTypes.Type(value = DueRule.Ongoing.class, name = "ongoing"),
        @JsonSubTypes.Type(value = DueRule.Triggered.class, name = "triggered"),
        @JsonSubTypes.Type(value = DueRule.ServiceLevel.class, name = "service-level"),
        @JsonSubTypes.Type(value = DueRule.Bounded.class, name = "bounded"),
        @JsonSubTypes.Type(value = DueRule.AsRegulated.class, name = "as-regulated")
})
public sealed interface DueRule {

    Optional<LocalDate> resolvedDue();

    /** "Tháng 01/2024": due by the last day of the month. */
    record EndOfMonth(YearMonth month) implements DueRule {
        public EndOfMonth {
            Objects.requireNonNull(month, "month");
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.of(month.atEndOfMonth());
        }
    }

    /** "Quý IV/2024": due by the last day of the quarter. */
    record EndOfQuarter(int year, int quarter) implements DueRule {
        public EndOfQuarter {
            if (quarter < 1 || quarter > 4) {
                throw new IllegalArgumentException("quarter must be 1..4, was " + quarter);
            }
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.of(YearMonth.of(year, quarter * 3).atEndOfMonth());
        }
    }

    /** "Năm 2024": due by 31 December. */
    record EndOfYear(int year) implements DueRule {
        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.of(LocalDate.of(year, 12, 31));
        }
    }

    /**
     * A report that recurs, e.g. "định kỳ quý/6 tháng/năm"; {@code dayOfMonth} is the "trước
     * ngày 15" limit within each period's last month, or null when the text gives none.
     */
    record Recurring(List<Frequency> frequencies, Integer dayOfMonth) implements DueRule {
        public Recurring {
            frequencies = List.copyOf(frequencies);
            if (frequencies.isEmpty()) {
                throw new IllegalArgumentException("a recurring rule needs at least one frequency");
            }
            if (dayOfMonth != null && (dayOfMonth < 1 || dayOfMonth > 31)) {
                throw new IllegalArgumentException("dayOfMonth must be 1..31, was " + dayOfMonth);
            }
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.empty();
        }
    }

    /** "Thường xuyên": continuous work with no single due date. */
    record Ongoing() implements DueRule {
        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.empty();
        }
    }

    /**
     * Due once an outside event happens ("sau khi Chính phủ ban hành Nghị quyết"), plus an
     * optional offset ("… 01 tháng"); {@code trigger} is the event without the connective.
     */
    record Triggered(String trigger, Period offset) implements DueRule {
        public Triggered {
            Objects.requireNonNull(trigger, "trigger");
            offset = offset == null ? Period.ZERO : offset;
        }

        public LocalDate dueAfter(LocalDate triggeredOn) {
            return triggeredOn.plus(offset);
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.empty();
        }
    }

    /** A per-case limit: "5 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ". */
    record ServiceLevel(int workingDays, String from) implements DueRule {
        public ServiceLevel {
            if (workingDays < 1) {
                throw new IllegalArgumentException("workingDays must be positive, was " + workingDays);
            }
            Objects.requireNonNull(from, "from");
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.empty();
        }
    }

    /**
     * A calendar date that also waits on a condition: "Năm 2024 (sau khi Bộ Y tế ban hành
     * hướng dẫn)". The date stands; the condition is kept as printed.
     */
    record Bounded(DueRule bound, String condition) implements DueRule {
        public Bounded {
            Objects.requireNonNull(bound, "bound");
            Objects.requireNonNull(condition, "condition");
            if (bound.resolvedDue().isEmpty()) {
                throw new IllegalArgumentException("the bound of a bounded rule must be a date, was " + bound);
            }
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return bound.resolvedDue();
        }
    }

    /** "Báo cáo kết quả theo quy định": the general reporting regime applies. */
    record AsRegulated(String text) implements DueRule {
        public AsRegulated {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Optional<LocalDate> resolvedDue() {
            return Optional.empty();
        }
    }
}
