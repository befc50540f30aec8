package org.planledger.command.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.planledger.command.activity.Activity;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendActivity;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CancelActivity;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.RecordAmendmentDecision;
import org.planledger.shared.api.RegisterActivity;
import org.planledger.shared.api.RescheduleDeadline;
import org.springframework.stereotype.Component;

/**
 * Records an amendment decision and every change it makes in one unit of work, so in one PostgreSQL transaction:
 * the plan and each activity are loaded from their repositories and given the change through the same handler
 * methods a single command reaches, in the decision's order (an activity changed twice sees its first change). Axon
 * keeps the events of every aggregate of the unit of work staged until it commits, and the command bus's
 * transaction covers the whole handler: a change that breaks a rule throws, the unit of work rolls back and nothing
 * of the decision is recorded. (Dispatching one command per change from here would nest units of work inside the
 * same transaction too, but each nested command would be its own message, with its own interceptors and
 * correlation, and a refusal would reach this handler as a failed result to translate; calling the aggregates
 * directly keeps one message, whose metadata, the decision's number and date included, every event copies.)
 *
 * <p>A refusal names the change: {@code changes[3].newDue}, with the rule the aggregate stated.
 */
@Component
class AmendmentDecisions {

    private final Repository<Plan> plans;
    private final Repository<Activity> activities;

    AmendmentDecisions(Repository<Plan> plans, Repository<Activity> activities) {
        this.plans = plans;
        this.activities = activities;
    }

    @CommandHandler
    long handle(RecordAmendmentDecision command) {
        Aggregate<Plan> plan = plans.load(command.planId(), command.expectedVersion());
        int year = plan.invoke(Plan::year);
        List<AmendmentDecided.Line> lines = new ArrayList<>();
        for (int i = 0; i < command.changes().size(); i++) {
            lines.add(line(i, command.changes().get(i)));
        }
        plan.execute(p -> p.decide(command, lines));
        for (int i = 0; i < command.changes().size(); i++) {
            String at = "changes[" + i + "]";
            try {
                apply(plan, command, command.changes().get(i), year);
            } catch (LedgerException e) {
                throw new LedgerException(e.code(), e.field() == null ? at : at + "." + e.field(), e.rule(),
                        at + ": " + e.getMessage());
            } catch (AggregateNotFoundException e) {
                throw new LedgerException(ErrorCode.UNKNOWN_ACTIVITY, at + ".code", "activity-exists",
                        at + ": plan " + command.planId() + " has no activity " + command.changes().get(i).code());
            }
        }
        return plan.version();
    }

    private void apply(Aggregate<Plan> plan, RecordAmendmentDecision decision, AmendmentChange change, int year) {
        String activityId = ActivityId.of(decision.planId(), change.code());
        String reason = change.reason() == null || change.reason().isBlank() ? decision.summary() : change.reason();
        DocumentRef basis = decision.decision();
        LocalDate on = decision.effectiveOn();
        switch (change.kind()) {
            case ADD -> {
                plan.execute(p -> register(p, new RegisterActivity(decision.planId(), change.code(), change.section(),
                        change.title(), change.products() == null ? List.of() : change.products(), change.timeline(),
                        "", on)));
                if (change.lead() != null) {
                    activity(activityId, a -> a.handle(new AssignActivity(activityId, null, change.lead(),
                            list(change.jointLeads()), list(change.coordinators()), reason, basis, on)));
                }
            }
            case CANCEL -> activity(activityId, a -> a.handle(new CancelActivity(activityId, null, reason, basis, on)));
            case AMEND -> activity(activityId, a -> a.handle(new AmendActivity(activityId, null, change.title(),
                    change.products(), change.timeline(), reason, basis, on, year)));
            case REASSIGN -> activity(activityId, a -> a.handle(new AssignActivity(activityId, null, change.lead(),
                    list(change.jointLeads()), list(change.coordinators()), reason, basis, on)));
            case RESCHEDULE -> activity(activityId, a -> a.handle(new RescheduleDeadline(activityId, null,
                    change.milestoneId(), change.newDue(), reason, basis, on)));
        }
    }

    private static void register(Plan plan, RegisterActivity command) {
        try {
            plan.handle(command);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("registering " + command.code() + " failed", e);
        }
    }

    private void activity(String activityId, Function<Activity, Long> change) {
        activities.load(activityId).invoke(change);
    }

    private static List<AgencyRef> list(List<AgencyRef> agencies) {
        return agencies == null ? List.of() : agencies;
    }

    /** What a change says, for the decision's own event; checks the fields its kind needs. */
    private static AmendmentDecided.Line line(int i, AmendmentChange c) {
        String at = "changes[" + i + "].";
        if (c.kind() == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, at + "kind", "required", "kind is required");
        }
        if (c.code() == null || c.code().isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, at + "code", "required", "code is required");
        }
        String what = switch (c.kind()) {
            case ADD -> {
                require(at + "section", c.section());
                require(at + "title", c.title());
                require(at + "timeline", c.timeline());
                yield c.title() + " (" + c.timeline() + ")" + (c.lead() == null ? "" : "; lead " + c.lead().name());
            }
            case CANCEL -> c.reason() == null || c.reason().isBlank() ? "cancelled" : "cancelled: " + c.reason();
            case AMEND -> {
                if (c.title() == null && c.products() == null && c.timeline() == null) {
                    throw new LedgerException(ErrorCode.INVALID_FIELD, at + "timeline", "title-products-or-timeline",
                            "an amendment names a new title, products or timeline");
                }
                List<String> parts = new ArrayList<>();
                if (c.title() != null) {
                    parts.add("title " + c.title());
                }
                if (c.products() != null) {
                    parts.add("products " + String.join("; ", c.products()));
                }
                if (c.timeline() != null) {
                    parts.add("timeline " + c.timeline());
                }
                yield String.join("; ", parts);
            }
            case REASSIGN -> {
                if (c.lead() == null) {
                    throw new LedgerException(ErrorCode.INVALID_FIELD, at + "lead", "required", "lead is required");
                }
                yield "lead " + c.lead().name() + (c.coordinators() == null || c.coordinators().isEmpty() ? ""
                        : "; coordinators " + c.coordinators().stream().map(AgencyRef::name)
                                .collect(Collectors.joining("; ")));
            }
            case RESCHEDULE -> {
                require(at + "milestoneId", c.milestoneId());
                if (c.newDue() == null) {
                    throw new LedgerException(ErrorCode.INVALID_FIELD, at + "newDue", "required", "newDue is required");
                }
                yield "due " + c.newDue();
            }
        };
        return new AmendmentDecided.Line(c.kind().name(), c.code(), c.milestoneId(), what);
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "required", field + " is required");
        }
    }
}
