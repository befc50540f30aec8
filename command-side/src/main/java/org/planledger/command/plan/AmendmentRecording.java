package org.planledger.command.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.planledger.command.activity.ActivityController;
import org.planledger.command.support.LedgerCommands;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.RecordAmendmentDecision;
import org.springframework.stereotype.Component;

/**
 * The one way an amendment decision is sent, whether its changes came as JSON or were read from a table: one
 * {@link RecordAmendmentDecision} through {@link LedgerCommands}, with the decision's number and date in every event's
 * metadata, in force from {@code effectiveOn} (the decision's date when left out), based on the plan version
 * {@code If-Match} names; the answer carries the plan's version after it.
 */
@Component
public class AmendmentRecording {

    private final LedgerCommands commands;

    AmendmentRecording(LedgerCommands commands) {
        this.commands = commands;
    }

    /** Records a decision whose changes the client sent. */
    public DecisionRecorded record(String planId, String ifMatch, DocumentRef decision, LocalDate effectiveOn,
            String summary, List<AmendmentChange> changes) {
        LedgerCommands.Prepared<DecisionRecorded> prepared = prepare(planId, ifMatch, decision, effectiveOn, summary,
                changes);
        long version = commands.send(prepared.command(), prepared.change(), prepared.extra());
        return prepared.answer().apply(version);
    }

    /**
     * Records a decision whose changes are read from the ledger when it is sent (a file compared with the activities
     * now): with an {@code Idempotency-Key}, {@code request} names the request and a retry is answered from its
     * receipt without reading the changes again.
     */
    public DecisionRecorded record(String planId, String ifMatch, DocumentRef decision, LocalDate effectiveOn,
            String summary, Object request, Supplier<List<AmendmentChange>> changes) {
        return commands.sendPrepared(request,
                () -> prepare(planId, ifMatch, decision, effectiveOn, summary, changes.get()));
    }

    private static LedgerCommands.Prepared<DecisionRecorded> prepare(String planId, String ifMatch,
            DocumentRef decision, LocalDate effectiveOn, String summary, List<AmendmentChange> changes) {
        LocalDate inForce = effectiveOn == null ? decision.date() : effectiveOn;
        Long expected = ActivityController.expected(ifMatch);
        return new LedgerCommands.Prepared<>(
                new RecordAmendmentDecision(planId, expected, decision, inForce, summary, changes),
                new LedgerCommands.Change(inForce, summary, decision),
                Map.of(LedgerMetaData.DECISION_NUMBER, decision.number(),
                        LedgerMetaData.DECISION_DATE, decision.date().toString()),
                version -> new DecisionRecorded(planId, decision.number(), changes.size(), (Long) version));
    }

    /** The decision recorded: its number, how many changes it made, and the plan's version now. */
    public record DecisionRecorded(String planId, String decisionNumber, int changes, long version) {
    }
}
