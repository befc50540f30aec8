package org.planledger.command.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.planledger.command.activity.ActivityController;
import org.planledger.command.support.LedgerCommands;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.RecordAmendmentDecision;
import org.springframework.stereotype.Component;

/**
 * The one way an amendment decision is sent, whether it came as JSON or as a table: one
 * {@link RecordAmendmentDecision} with the decision's number and date in every event's metadata, in force from
 * {@code effectiveOn} (the decision's date when left out), based on the plan version {@code If-Match} names.
 */
@Component
public class AmendmentRecording {

    private final LedgerCommands commands;

    AmendmentRecording(LedgerCommands commands) {
        this.commands = commands;
    }

    public DecisionRecorded record(String planId, String ifMatch, DocumentRef decision, LocalDate effectiveOn,
            String summary, List<AmendmentChange> changes) {
        LocalDate inForce = effectiveOn == null ? decision.date() : effectiveOn;
        Long expected = ActivityController.expected(ifMatch);
        long version = commands.send(new RecordAmendmentDecision(planId, expected, decision, inForce, summary, changes),
                new LedgerCommands.Change(inForce, summary, decision),
                Map.of(LedgerMetaData.DECISION_NUMBER, decision.number(),
                        LedgerMetaData.DECISION_DATE, decision.date().toString()));
        return new DecisionRecorded(planId, decision.number(), changes.size(), version);
    }

    /** The decision recorded: its number, how many changes it made, and the plan's version now. */
    public record DecisionRecorded(String planId, String decisionNumber, int changes, long version) {
    }
}
