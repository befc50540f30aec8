package org.planledger.command.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planledger.command.activity.Activity;
import org.planledger.command.support.AxonConfiguration;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.RecordAmendmentDecision;
import org.planledger.shared.api.RegisterActivity;
import org.planledger.shared.timeline.MilestoneSpec;
import org.planledger.shared.timeline.TimelineReader;
import org.planledger.shared.timeline.UnreadableTimelineException;

/** A plan: the list of its activity codes, so that a code is given once. Each activity is its own aggregate. */
@Aggregate(cache = AxonConfiguration.PLAN_CACHE)
public class Plan {

    @AggregateIdentifier
    private String planId;
    private int year;
    private LocalDate inForceFrom;
    private final Set<String> codes = new HashSet<>();
    private final Set<String> decisions = new HashSet<>();

    protected Plan() {
    }

    @CommandHandler
    public Plan(CreatePlan command) {
        if (command.year() < 2000 || command.year() > 2100) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "year", "year-in-range", "year must be between 2000 and 2100");
        }
        apply(new PlanCreated(command.planId(), command.title(), command.year(), command.decision()));
    }

    /**
     * Lists the activity in the plan and creates the activity with the milestones read from its timeline. The events
     * are in force from the command's {@code effectiveOn}, else from the plan's start (the day an imported plan's
     * activities are in force from), never from the day they happen to be entered; metadata given to {@code apply}
     * takes precedence over the request's.
     */
    @CommandHandler
    public RegisteredActivity handle(RegisterActivity command) throws Exception {
        if (codes.contains(command.code())) {
            throw new LedgerException(ErrorCode.DUPLICATE, "code", "code-unique-in-plan",
                    "activity " + command.code() + " is already registered in plan " + planId);
        }
        if (!command.code().startsWith(command.section() + ".")) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "code", "code-in-section",
                    "code " + command.code() + " does not belong to section " + command.section());
        }
        List<MilestoneSpec> milestones = readTimeline(command);
        String activityId = ActivityId.of(planId, command.code());
        LocalDate effectiveOn = command.effectiveOn() != null ? command.effectiveOn() : inForceFrom;
        MetaData inForce = MetaData.with(LedgerMetaData.EFFECTIVE_ON, effectiveOn.toString());
        apply(new ActivityAddedToPlan(planId, command.code(), activityId), inForce);
        ActivityRegistered registered = new ActivityRegistered(activityId, planId, command.code(), command.section(),
                command.title(), List.copyOf(command.products()), command.timeline(), command.notes());
        createNew(Activity.class, () -> new Activity(registered, milestones, inForce));
        return new RegisteredActivity(activityId, milestones.size());
    }

    /** The plan's year: a month or quarter printed without a year in a timeline belongs to it. */
    public int year() {
        return year;
    }

    /**
     * Records an amendment decision with its changes as decided (they follow as the events of each change, see
     * {@code AmendmentDecisions}). A decision number is recorded once per plan.
     */
    public void decide(RecordAmendmentDecision command, List<AmendmentDecided.Line> changes) {
        if (decisions.contains(command.decision().number())) {
            throw new LedgerException(ErrorCode.DUPLICATE, "decision.number", "decision-unique-in-plan",
                    "decision " + command.decision().number() + " is already recorded on plan " + planId);
        }
        if (changes.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "changes", "size:1..200", "a decision makes a change");
        }
        apply(new AmendmentDecided(planId, command.decision(), command.effectiveOn(), command.summary(),
                List.copyOf(changes)));
    }

    private List<MilestoneSpec> readTimeline(RegisterActivity command) {
        try {
            return TimelineReader.read(command.timeline(), command.products(), year);
        } catch (UnreadableTimelineException e) {
            throw new LedgerException(ErrorCode.RULE_BROKEN, "timeline", "timeline-readable", e.getMessage());
        }
    }

    @EventSourcingHandler
    void on(PlanCreated event) {
        this.planId = event.planId();
        this.year = event.year();
        this.inForceFrom = PlanCreated.inForceFrom(event.year(), event.decision());
    }

    @EventSourcingHandler
    void on(ActivityAddedToPlan event) {
        codes.add(event.code());
    }

    @EventSourcingHandler
    void on(AmendmentDecided event) {
        decisions.add(event.decision().number());
    }

    /** The outcome of a registration: the new activity and its version (one event per milestone after the first). */
    public record RegisteredActivity(String activityId, long version) {
    }
}
