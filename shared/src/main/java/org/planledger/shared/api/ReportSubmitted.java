package org.planledger.shared.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A fact that an agency sent a report on an activity; {@code dueInForce} is the milestone's due date when the report
 * arrived and {@code onTime} the outcome of comparing the two (true when nothing was due); {@code answers} names the
 * returned report this one answers, or is null. Revision 2 added {@code answers} (revision 1 had none: upcast as
 * null, see {@code LedgerUpcasters}).
 */
@Revision("2")
public record ReportSubmitted(
        String activityId,
        String reportId,
        AgencyRef agency,
        String milestoneId,
        String period,
        String summary,
        String documentNumber,
        LocalDate sentOn,
        LocalDate dueInForce,
        boolean onTime,
        String answers) implements ActivityEvent {

    /** A report that answers no returned report. */
    public ReportSubmitted(String activityId, String reportId, AgencyRef agency, String milestoneId, String period,
            String summary, String documentNumber, LocalDate sentOn, LocalDate dueInForce, boolean onTime) {
        this(activityId, reportId, agency, milestoneId, period, summary, documentNumber, sentOn, dueInForce, onTime,
                null);
    }

    @Override
    public <R> R accept(ActivityEvent.Visitor<R> visitor) {
        return visitor.on(this);
    }
}
