package org.planledger.query.report;

import java.util.ArrayList;
import java.util.List;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.ChangeLine;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;
import org.planledger.query.report.InspectionReport.MilestoneLine;
import org.planledger.query.report.InspectionReport.NoticeLine;
import org.planledger.query.report.InspectionReport.ReportLine;
import org.planledger.query.report.InspectionReport.RescheduleLine;

/**
 * The tables every format shows, defined once: the column labels (keys of {@link Language}) and the cell values of a
 * row (String, Number, LocalDate, Instant or null; each format renders them its own way).
 */
final class Tables {

    static final List<String> INFO = List.of("plan", "agency", "cutOff", "generatedAt", "generatedBy", "ledgerPosition",
            "ledgerDigest", "cutOffDecision");
    static final List<String> SUMMARY = List.of("agency", "led", "coordinated", "milestones", "completed",
            "completedOnTime", "onTimeRate", "overdue", "reports", "reportsLate", "reportsAwaitingReview", "reportsReturned", "reschedules", "slipDays",
            "withoutBasis");
    static final List<String> DETAIL = List.of("agency", "role", "viaGroup", "code", "activity", "status", "milestone",
            "product", "printed", "originalDue", "currentDue", "completedOn", "onTime", "overdue", "reschedules", "slipDays", "urgedBeforeDue",
            "notices");
    static final List<String> RESCHEDULES = List.of("agency", "code", "milestone", "recordedAt", "effectiveOn", "actor",
            "reason", "basis", "basisDate", "from", "to", "daysSlipped");
    static final List<String> REPORTS = List.of("agency", "code", "reportId", "milestone", "period", "documentNumber",
            "sentOn", "dueInForce", "onTime", "answers", "review", "reviewReason", "reviewedOn");

    private Tables() {
    }

    static List<Object> info(Header h) {
        Language l = h.language();
        return List.of(h.planTitle() + " (" + h.planId() + ")",
                h.agencyName() == null ? l.label("allAgencies") : h.agencyName() + " (" + h.agencyId() + ")",
                h.cutOff(), h.generatedAt(), h.generatedBy(), h.ledgerPosition(), h.ledgerDigest(),
                h.cutOffDecision() == null ? l.label("cutOffByDate") : h.cutOffDecision());
    }

    /** The columns of the decisions table: the last lists the changes to the agency's activities (or all changes). */
    static List<String> decisionColumns(Header h) {
        return List.of("decisionNumber", "decisionDate", "decisionInForce", "decisionSummary", "changeCount",
                h.agencyId() == null ? "allChanges" : "agencyChanges");
    }

    static List<Object> decision(DecisionLine d, Language l) {
        List<String> changes = new ArrayList<>();
        for (ChangeLine c : d.changes()) {
            changes.add(l.changeKind(c.kind()) + " " + c.code()
                    + (c.milestoneId() == null || c.milestoneId().isEmpty() ? "" : " " + c.milestoneId())
                    + (c.what() == null || c.what().isEmpty() ? "" : ": " + c.what()));
        }
        return values(d.number(), d.date(), d.effectiveOn(), d.summary(), d.changeCount(),
                changes.isEmpty() ? l.label("none") : String.join("; ", changes));
    }

    static List<Object> summary(AgencySummary s) {
        return values(s.agencyName(), s.activitiesLed(), s.activitiesCoordinated(), s.milestones(), s.milestonesCompleted(),
                s.completedOnTime(), s.onTimeRate(), s.overdue(), s.reportsSubmitted(), s.reportsLate(),
                s.reportsAwaitingReview(), s.reportsReturned(), s.reschedules(),
                s.totalSlipDays(), s.changesWithoutBasis());
    }

    /** One row per milestone; an activity without milestones still gets one row. */
    static List<List<Object>> detail(ActivityLine a, Language l) {
        List<List<Object>> rows = new ArrayList<>();
        if (a.milestones().isEmpty()) {
            rows.add(values(a.agencyName(), l.label(a.role()), a.viaGroup(), a.code(), a.title(), l.label(a.status()),
                    null, null, null, null, null, null, null, null, 0, 0, null, null));
        }
        for (MilestoneLine m : a.milestones()) {
            rows.add(values(a.agencyName(), l.label(a.role()), a.viaGroup(), a.code(), a.title(), l.label(a.status()),
                    m.milestoneId(), m.product(), m.printed(), m.originalDue(), m.currentDue(), m.completedOn(),
                    l.yesNo(m.completedOnTime()), l.yesNo(m.overdueAtCutOff()), m.reschedules().size(), m.slipDays(),
                    l.yesNo(m.urgedBeforeDue()), notices(m, l)));
        }
        return rows;
    }

    /** The notices naming a milestone, one "number (date) to agency" each, or null for none. */
    static String notices(MilestoneLine m, Language l) {
        if (m.notices().isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (NoticeLine n : m.notices()) {
            texts.add(n.documentNumber() + " (" + Cells.text(n.sentOn(), l) + ") → " + n.agencyName()
                    + (n.overdue() ? ", " + l.label("afterDue") : ""));
        }
        return String.join("; ", texts);
    }

    static List<List<Object>> reschedules(ActivityLine a) {
        List<List<Object>> rows = new ArrayList<>();
        for (MilestoneLine m : a.milestones()) {
            for (RescheduleLine r : m.reschedules()) {
                rows.add(values(a.agencyName(), a.code(), m.milestoneId(), r.recordedAt(), r.effectiveOn(), r.actor(),
                        r.reason(), r.basisNumber(), r.basisDate(), r.from(), r.to(), r.daysSlipped()));
            }
        }
        return rows;
    }

    static List<List<Object>> reports(ActivityLine a, Language l) {
        List<List<Object>> rows = new ArrayList<>();
        for (ReportLine r : a.reports()) {
            rows.add(values(r.agencyName(), a.code(), r.reportId(), r.milestoneId(), r.period(), r.documentNumber(),
                    r.sentOn(), r.dueInForce(), l.yesNo(r.onTime()), r.answers(), l.label(r.review()), r.reviewReason(),
                    r.reviewedOn()));
        }
        return rows;
    }

    private static List<Object> values(Object... values) {
        List<Object> row = new ArrayList<>(values.length);
        for (Object value : values) {
            row.add(value);
        }
        return row;
    }
}
