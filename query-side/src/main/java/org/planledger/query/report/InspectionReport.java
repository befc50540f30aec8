package org.planledger.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of an inspection report: a header, one summary per agency, the plan's amendment decisions recorded by
 * the cut-off and, streamed, the activity lines.
 */
final class InspectionReport {

    private InspectionReport() {
    }

    /** What the report is of, when it was cut and generated, by whom, and the ledger state it was built from. */
    record Header(String planId, String planTitle, String agencyId, String agencyName, Instant cutOff,
            Instant generatedAt, String generatedBy, long ledgerPosition, String ledgerDigest, Language language,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String cutOffDecision) {
    }

    /**
     * An amendment decision recorded by the cut-off: number, date, in force from, summary, how many changes it made
     * ({@code changeCount}) and those of them on the activities the report concerns ({@code changes}: on the activities
     * the agency takes part in at the cut-off; every change in a report of all agencies).
     */
    record DecisionLine(String number, LocalDate date, LocalDate effectiveOn, String summary, int changeCount,
            List<ChangeLine> changes) {
    }

    /** One change as decided: its kind (ADD, CANCEL, AMEND, REASSIGN, RESCHEDULE), the activity, the milestone, what. */
    record ChangeLine(String kind, String code, String milestoneId, String what) {
    }

    /** Counts for one agency up to the cut-off. */
    record AgencySummary(String agencyId, String agencyName, int activitiesLed, int activitiesCoordinated,
            int milestones, int milestonesCompleted, int completedOnTime, Double onTimeRate, int overdue,
            int reportsSubmitted, int reportsLate, int reportsAwaitingReview, int reportsReturned, int reschedules,
            long totalSlipDays, int changesWithoutBasis) {
    }

    /** One activity as it concerns one agency. {@code viaGroup} names the group through which the agency takes part. */
    record ActivityLine(String agencyId, String agencyName, String role, String viaGroup, String code, String title,
            String status, List<MilestoneLine> milestones, List<ReportLine> reports) {
    }

    record MilestoneLine(String milestoneId, String product, String printed, LocalDate originalDue, LocalDate currentDue,
            String status, LocalDate completedOn, Boolean completedOnTime, boolean overdueAtCutOff,
            List<RescheduleLine> reschedules, List<NoticeLine> notices) {

        long slipDays() {
            return reschedules.stream().mapToLong(RescheduleLine::daysSlipped).sum();
        }

        /**
         * For a milestone overdue at the cut-off: whether a notice urged the agency before the milestone was due (sent
         * on or before its due date then); null for one not overdue.
         */
        @com.fasterxml.jackson.annotation.JsonProperty
        public Boolean urgedBeforeDue() {
            return overdueAtCutOff ? notices.stream().anyMatch(n -> !n.overdue()) : null;
        }
    }

    /** An urging notice naming the milestone: to whom, its number, when, the due date then, whether already past. */
    record NoticeLine(String agencyName, String documentNumber, LocalDate sentOn, LocalDate dueInForce, boolean overdue) {

    }

    record RescheduleLine(Instant recordedAt, LocalDate effectiveOn, String actor, String reason, String basisNumber,
            LocalDate basisDate, LocalDate from, LocalDate to, long daysSlipped) {

        boolean withoutBasis() {
            return basisNumber == null || basisNumber.isBlank();
        }
    }

    /**
     * A report with its review: {@code review} is AWAITING_REVIEW, ACCEPTED or RETURNED (with its reason and day);
     * {@code answers} names the returned report it answers. A returned report is listed, but not counted.
     */
    record ReportLine(String reportId, String agencyName, String milestoneId, String period, String documentNumber,
            LocalDate sentOn, LocalDate dueInForce, boolean onTime, String answers, String review, String reviewReason,
            LocalDate reviewedOn) {

        boolean counts() {
            return !"RETURNED".equals(review);
        }
    }
}
