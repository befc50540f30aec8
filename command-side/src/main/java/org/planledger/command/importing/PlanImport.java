package org.planledger.command.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planledger.command.support.Actor;
import org.planledger.command.support.LedgerCommands;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.agency.UnresolvedAgencyException;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.RegisterActivity;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.timeline.TimelineReader;
import org.planledger.shared.timeline.UnreadableTimelineException;
import org.springframework.stereotype.Component;

/**
 * Loads a plan through the same commands a user would send, so every activity has its full history: registered,
 * milestones scheduled, assigned. Every row is checked before the first command is sent: a file with any bad row
 * imports nothing. What the ledger already holds is skipped, so importing the same file again adds no events.
 */
@Component
public class PlanImport {

    private final LedgerCommands commands;
    private final EventStore eventStore;
    private final AgencyResolver resolver = new AgencyResolver(AgencyDirectory.standard());

    PlanImport(LedgerCommands commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    /** What an import did. */
    public record Result(String planId, boolean planCreated, int activitiesRegistered, int activitiesAssigned,
            int activitiesAlreadyPresent) {
    }

    /** Checks every row; the errors name the row (as the file numbers it), the activity, the column and the rule. */
    List<RowError> check(PlanDocument plan, Map<String, Integer> rowOfCode) {
        List<RowError> errors = new ArrayList<>();
        if (plan.planId() == null || !plan.planId().matches("[a-z0-9][a-z0-9-]{1,63}")) {
            errors.add(new RowError(0, null, "planId", "plan id must be lowercase letters, digits and '-' (2 to 64)"));
        }
        if (plan.title() == null || plan.title().isBlank()) {
            errors.add(new RowError(0, null, "title", "the plan needs a title"));
        }
        for (ActivityRow row : plan.activities()) {
            int number = rowOfCode.getOrDefault(row.code(), 0);
            if (row.title().isBlank()) {
                errors.add(new RowError(number, row.code(), "Danh mục các hoạt động", "the activity has no title"));
            }
            if (row.timeline().isBlank()) {
                errors.add(new RowError(number, row.code(), "Thời gian", "the timeline cell is empty"));
            } else {
                try {
                    TimelineReader.read(row.timeline(), row.productItems(), plan.year());
                } catch (UnreadableTimelineException e) {
                    errors.add(new RowError(number, row.code(), "Thời gian", e.getMessage()));
                }
            }
            if (row.lead().isBlank()) {
                errors.add(new RowError(number, row.code(), "Chủ trì", "the lead cell is empty"));
            }
            resolve(row.lead(), number, row.code(), "Chủ trì", errors);
            resolve(row.coordinators(), number, row.code(), "Phối hợp", errors);
        }
        return errors;
    }

    /** Checks, then sends the commands for whatever the ledger does not hold yet. */
    public Result load(PlanDocument plan, Map<String, Integer> rowOfCode, Actor actor) {
        List<RowError> errors = check(plan, rowOfCode);
        if (!errors.isEmpty()) {
            throw new ImportRejected(errors);
        }
        DocumentRef decision = new DocumentRef(plan.decision() == null ? "" : plan.decision().number(),
                plan.decision() == null ? null : plan.decision().date());
        LocalDate inForce = PlanCreated.inForceFrom(plan.year(), decision);
        Change adopted = new Change(inForce, "as adopted in the plan", decision);

        boolean planCreated = false;
        if (!exists(plan.planId())) {
            commands.sendAs(actor, new CreatePlan(plan.planId(), plan.title(), plan.year(), decision), adopted);
            planCreated = true;
        }
        int registered = 0;
        int assigned = 0;
        int present = 0;
        for (ActivityRow row : plan.activities()) {
            String activityId = ActivityId.of(plan.planId(), row.code());
            boolean isNew = !exists(activityId);
            if (isNew) {
                commands.sendAs(actor, new RegisterActivity(plan.planId(), row.code(), row.section(), row.title(),
                        row.productItems(), row.timeline(), row.notes()), adopted);
                registered++;
            }
            if (isNew || !everAssigned(activityId)) {
                List<AgencyRef> leads = refs(resolver.resolveCell(row.lead()));
                Set<String> leadIds = leads.stream().map(AgencyRef::id).collect(Collectors.toSet());
                List<AgencyRef> coordinators = refs(resolver.resolveCell(row.coordinators())).stream()
                        .filter(c -> !leadIds.contains(c.id())).toList();
                commands.sendAs(actor, new AssignActivity(activityId, null, leads.get(0), leads.subList(1, leads.size()),
                        coordinators, "as adopted in the plan", decision, inForce), adopted);
                assigned++;
            } else {
                present++;
            }
        }
        return new Result(plan.planId(), planCreated, registered, assigned, present);
    }

    private void resolve(String cell, int number, String code, String column, List<RowError> errors) {
        if (cell.isBlank()) {
            return;
        }
        try {
            resolver.resolveCell(cell);
        } catch (UnresolvedAgencyException e) {
            errors.add(new RowError(number, code, column,
                    "'" + e.getUnresolved() + "' is not an agency, group or known spelling (cell: " + cell + ")"));
        }
    }

    static List<AgencyRef> refs(List<Agency> agencies) {
        Map<String, AgencyRef> unique = new LinkedHashMap<>();
        agencies.forEach(a -> unique.putIfAbsent(a.id(), new AgencyRef(a.id(), a.name())));
        return List.copyOf(unique.values());
    }

    private boolean exists(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }

    /** From every stored event (from sequence 0: {@code readEvents(id)} would start at the latest snapshot). */
    private boolean everAssigned(String activityId) {
        return eventStore.readEvents(activityId, 0).asStream().anyMatch(e -> e.getPayload() instanceof ActivityAssigned);
    }
}
