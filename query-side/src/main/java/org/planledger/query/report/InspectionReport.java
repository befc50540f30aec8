package org.planledger.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The content of an inspection report: a header, one summary per agency and, streamed, the activity lines. */
final class InspectionReport {

    private InspectionReport() {
    }

    /** What the report is of, when it was cut and generated, by whom, and the ledger state it was built from. */
    record Header(String planId, String planTitle, String agencyId, String agencyName, Instant cutOff,
            Instant generatedAt, String generatedBy, long ledgerPosition, String ledgerDigest, Language language) {
    }

    /** Counts for one agency up to the cut-off. */
    record AgencySummary(String agencyId, String agencyName, int activitiesLed, int activitiesCoordinated,
            int milestones, int milestonesCompleted, int completedOnTime, Double onTimeRate, int overdue,
            int reportsSubmitted, int reportsLate, int reschedules, long totalSlipDays, int changesWithoutBasis) {
    }

    /** One activity as it concerns one agency. {@code viaGroup} names the group through which the agency takes part. */
    record ActivityLine(String agencyId, String agencyName, String role, String viaGroup, String code, String title,
            String status, List<MilestoneLine> milestones, List<ReportLine> reports) {
    }

    record MilestoneLine(String milestoneId, String product, String printed, LocalDate originalDue, LocalDate currentDue,
            String status, LocalDate completedOn, Boolean completedOnTime, boolean overdueAtCutOff,
            List<RescheduleLine> reschedules) {

        long slipDays() {
            return reschedules.stream().mapToLong(RescheduleLine::daysSlipped).sum();
        }
    }

    record RescheduleLine(Instant recordedAt, LocalDate effectiveOn, String actor, String reason, String basisNumber,
            LocalDate basisDate, LocalDate from, LocalDate to, long daysSlipped) {

        boolean withoutBasis() {
            return basisNumber == null || basisNumber.isBlank();
        }
    }

    record ReportLine(String reportId, String agencyName, String milestoneId, String period, String documentNumber,
            LocalDate sentOn, LocalDate dueInForce, boolean onTime) {
    }
}
