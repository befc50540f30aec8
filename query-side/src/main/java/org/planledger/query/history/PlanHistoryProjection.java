package org.planledger.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planledger.query.support.BatchRows;
import org.planledger.query.support.EffectiveDate;
import org.planledger.query.support.FoldStates;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.Storable;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.eventstore.EventCatalogue;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.ActivityState.Assignment;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.Participant;
import org.planledger.shared.fold.ActivityState.ReportState;
import org.planledger.shared.fold.EventFacts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects plan and activity events into the point-in-time read model (the {@code history_*} tables, see
 * {@code V10__history_read_model.sql}). Facts set once are one row each; a milestone's due date and an activity's
 * assignment are versioned on the recorded axis ('R') and bitemporally on the effective axis ('V'), so that a
 * question about any instant and date is an index lookup, never a replay.
 *
 * <p>Recorded instants of one activity never go backwards (an event stamped earlier than the activity's previous event
 * counts as recorded with it), and a change is never in force before the activity it changes (nor an activity before
 * its plan). Each event of an activity is recorded once per generation ({@code history_revision}); a redelivered
 * event changes nothing.
 */
@Component
@ProcessingGroup(PlanHistoryProjection.PROCESSING_GROUP)
class PlanHistoryProjection {

    static final String PROCESSING_GROUP = "plan_history";
    static final List<String> TABLES = List.of("history_plan", "history_activity", "history_revision",
            "history_milestone", "history_due", "history_assignment", "history_participant", "history_completion",
            "history_cancellation", "history_report", "history_report_review", "history_fold_state", "history_text",
            "history_withdrawal", "history_decision");

    private static final List<String> DUE_COLUMNS = List.of("generation", "plan_id", "activity_id", "milestone_id",
            "due", "original_due", "set_by", "set_seq", "set_recorded_at", "set_effective_on", "previous_due", "reason",
            "basis_number", "basis_date");
    private static final List<String> ASSIGNMENT_COLUMNS = List.of("generation", "plan_id", "activity_id", "lead_id",
            "lead_name", "coordinators", "joint_leads", "set_seq", "set_recorded_at", "set_effective_on", "previous_lead_id",
            "previous_lead_name", "previous_coordinators", "reason", "basis_number", "basis_date");
    private static final List<String> TEXT_COLUMNS = List.of("generation", "plan_id", "activity_id", "title", "products",
            "timeline", "set_seq", "set_recorded_at", "set_effective_on", "previous_title", "previous_products",
            "previous_timeline", "reason", "basis_number", "basis_date");
    private static final Set<String> JSON_COLUMNS = Set.of("coordinators", "joint_leads", "previous_coordinators",
            "products", "previous_products");

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Storable storable;
    private final ProjectionGenerations generations;
    private final FoldStates states;
    private final ZoneId zone;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    PlanHistoryProjection(NamedParameterJdbcTemplate jdbc, DataSource dataSource, ObjectMapper json, Storable storable,
            ProjectionGenerations generations, @Value("${planledger.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.storable = storable;
        this.generations = generations;
        this.states = new FoldStates("history_fold_state", jdbc, json);
        this.zone = zone;
        generations.register(PROCESSING_GROUP, TABLES);
    }

    @EventHandler
    void on(PlanEvent event, DomainEventMessage<?> message) {
        event.accept(new PlanEvent.Visitor<Void>() {
            @Override
            public Void on(PlanCreated e) {
                Batch batch = batch(generation());
                LocalDate effective = inForce(e);
                batch.rows.add(message.getIdentifier(), """
                        insert into history_plan (generation, plan_id, title, year, decision_number, decision_date,
                                                  recorded_at, effective_on)
                        values (:g, :planId, :title, :year, :number, :date, :at, :effective)
                        on conflict do nothing""",
                        p("g", batch.generation, "planId", e.planId(), "title", e.title(), "year", e.year(),
                                "number", e.decision() == null ? "" : e.decision().number(),
                                "date", e.decision() == null ? null : e.decision().date(),
                                "at", utc(message.getTimestamp()), "effective", effective));
                if (batch.planInForce.getOrDefault(e.planId(), Optional.empty()).isEmpty()) {
                    batch.planInForce.put(e.planId(), Optional.of(effective)); // a stored plan keeps its own
                }
                return null;
            }

            @Override
            public Void on(ActivityAddedToPlan e) {
                return null; // the activity's own ActivityRegistered brings it into the plan
            }

            @Override
            public Void on(AmendmentDecided e) {
                Batch batch = batch(generation());
                batch.rows.add(message.getIdentifier(), """
                        insert into history_decision (generation, plan_id, decision_number, decision_date, effective_on,
                                                      summary, changes, recorded_at, through_recorded_at)
                        values (:g, :planId, :number, :date, :effective, :summary, cast(:changes as jsonb), :at, :at)
                        on conflict do nothing""",
                        p("g", batch.generation, "planId", e.planId(), "number", e.decision().number(),
                                "date", e.decision().date(), "effective", e.effectiveOn(), "summary", e.summary(),
                                "changes", write(e.changes()), "at", utc(message.getTimestamp())));
                return null;
            }
        });
    }

    /** An event caused by an amendment decision moves the instant "as of decision N" reads through. */
    private static void throughDecision(Batch batch, DomainEventMessage<?> message, String planId, Instant at) {
        Object number = message.getMetaData().get(LedgerMetaData.DECISION_NUMBER);
        if (number != null) {
            batch.rows.add(message.getIdentifier(), """
                    update history_decision set through_recorded_at = greatest(through_recorded_at, :at)
                    where generation = :g and plan_id = :planId and decision_number = :number""",
                    p("g", batch.generation, "planId", planId, "number", number.toString(), "at", utc(at)));
        }
    }

    /**
     * A plan is in force from the date of the decision adopting it; a decision recorded without its date (as the Son
     * La decision is printed) leaves the plan in force from 1 January of its year.
     */
    static LocalDate inForce(PlanCreated event) {
        return PlanCreated.inForceFrom(event.year(), event.decision());
    }

    /**
     * Versions what the event changed, read as the difference between the activity's states before and after it (the
     * one fold): facts that appear (the activity, a milestone, a report, a completion, the cancellation) become rows;
     * values that change (a milestone's due and original due dates, the assignment) are set on both axes. A change of
     * anything this model does not version stops the projection rather than pass over it.
     */
    @EventHandler
    void on(ActivityEvent event, DomainEventMessage<?> message) {
        int g = generation();
        Batch batch = batch(g);
        LocalDate inForce = null;
        if (event instanceof ActivityRegistered registered) {
            inForce = EffectiveDate.latest(EffectiveDate.of(null, message.getMetaData(), message.getTimestamp(), zone),
                    batch.planInForce(registered.planId()));
        }
        FoldStates.Step step = states.apply(g, event, message, inForce);
        if (step == null) {
            return;
        }
        ActivityState before = step.before();
        ActivityState after = step.after();
        LocalDate effective = before == null ? step.activityInForce() : EffectiveDate.latest(
                EffectiveDate.of(EventFacts.of(event).effectiveOn(), message.getMetaData(), message.getTimestamp(), zone),
                step.activityInForce());
        String type = EventCatalogue.nameOf(event.getClass()).orElseThrow();
        throughDecision(batch, message, after.planId(), step.recordedAt());
        Change change = new Change(g, after.planId(), after.activityId(), message.getSequenceNumber(),
                step.recordedAt(), effective, type, message.getIdentifier(), batch);
        batch.rows.add(change.eventId(), """
                insert into history_revision (generation, activity_id, seq, event_type, recorded_at, effective_on)
                values (:g, :id, :seq, :type, :at, :effective)
                on conflict do nothing""",
                p("g", g, "id", change.activityId(), "seq", change.seq(), "type", type,
                        "at", utc(change.recordedAt()), "effective", effective));
        if (before == null) {
            batch.rows.add(change.eventId(), """
                    insert into history_activity (generation, activity_id, plan_id, code, section, title, products,
                                                  timeline, notes, recorded_at, effective_on)
                    values (:g, :id, :planId, :code, :section, :title, cast(:products as jsonb), :timeline, :notes,
                            :at, :effective)""",
                    p("g", g, "id", after.activityId(), "planId", after.planId(), "code", after.code(),
                            "section", after.section(), "title", after.title(), "products", write(after.products()),
                            "timeline", after.timeline(), "notes", after.notes(), "at", utc(change.recordedAt()),
                            "effective", effective));
        } else {
            refuseUnversioned(before, after);
            if (!Objects.equals(before.title(), after.title()) || !Objects.equals(before.products(), after.products())
                    || !Objects.equals(before.timeline(), after.timeline())) {
                text(change, before, after, EventFacts.of(event));
            }
        }
        for (MilestoneState m : after.milestones()) {
            MilestoneState was = before == null ? null : before.milestone(m.id()).orElse(null);
            milestone(change, was, m, EventFacts.of(event));
        }
        if (before != null) {
            for (MilestoneState m : after.withdrawnMilestones().subList(before.withdrawnMilestones().size(),
                    after.withdrawnMilestones().size())) {
                withdrawal(change, m, EventFacts.of(event));
            }
            if (before.milestones().size() + before.withdrawnMilestones().size()
                    > after.milestones().size() + after.withdrawnMilestones().size()) {
                throw new IllegalStateException(after.activityId() + ": a milestone disappeared without a withdrawal");
            }
        }
        if (after.assignment() != null && (before == null || !Objects.equals(before.assignment(), after.assignment()))) {
            assign(change, before == null ? null : before.assignment(), after, event);
        }
        for (ReportState r : after.reports().subList(before == null ? 0 : before.reports().size(), after.reports().size())) {
            report(change, r);
        }
        for (ReportState r : after.reports()) {
            ReportState was = before == null ? null : before.report(r.reportId()).orElse(null);
            if (r.review() != null && (was == null || was.review() == null)) {
                review(change, r);
            }
        }
        if (after.cancelled() && (before == null || !before.cancelled())) {
            EventFacts facts = EventFacts.of(event);
            Map<String, Object> row = new LinkedHashMap<>();
            basis(row, facts.reason(), facts.basis());
            batch.rows.add(change.eventId(), """
                    insert into history_cancellation (generation, plan_id, activity_id, reason, basis_number, basis_date,
                                                      seq, recorded_at, effective_on)
                    values (:g, :planId, :id, :reason, :basis_number, :basis_date, :seq, :at, :effective)""",
                    p("g", g, "planId", change.planId(), "id", change.activityId(), "reason", row.get("reason"),
                            "basis_number", row.get("basis_number"), "basis_date", row.get("basis_date"),
                            "seq", change.seq(), "at", utc(change.recordedAt()), "effective", effective));
        }
    }

    /** Anything else not one of this model's versioned values or facts: this model cannot show it, so it stops. */
    private static void refuseUnversioned(ActivityState before, ActivityState after) {
        if (!Objects.equals(before.notes(), after.notes()) || !Objects.equals(before.code(), after.code()) || !Objects.equals(before.section(), after.section())
                || (before.cancelled() && !after.cancelled())) {
            throw new IllegalStateException(after.activityId() + " changed in a way the point-in-time model does not "
                    + "version yet (seq " + after.version() + ")");
        }
    }

    /** @param facts what the event states of its reason and basis (a reschedule's, a trigger's source document) */
    private void milestone(Change change, MilestoneState before, MilestoneState after, EventFacts facts) {
        if (before == null) {
            change.batch().rows.add(change.eventId(), """
                    insert into history_milestone (generation, plan_id, activity_id, milestone_id, position, product,
                                                   printed, rule, original_due, recorded_at, effective_on)
                    values (:g, :planId, :id, :milestoneId, :position, :product, :printed, cast(:rule as jsonb), :due,
                            :at, :effective)""",
                    p("g", change.generation(), "planId", change.planId(), "id", change.activityId(),
                            "milestoneId", after.id(), "position", after.position(), "product", after.product(),
                            "printed", after.printed(), "rule", write(after.rule()), "due", after.originalDue(),
                            "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
        }
        if (before == null || !Objects.equals(before.due(), after.due())
                || !Objects.equals(before.originalDue(), after.originalDue())) {
            Map<String, Object> due = dueRow(change, after, before == null ? null : before.due());
            if (before != null) {
                basis(due, facts.reason(), facts.basis());
            }
            set(change.batch().dues, List.of(change.activityId(), after.id()), due, change);
        }
        if (after.completed() && (before == null || !before.completed())) {
            change.batch().rows.add(change.eventId(), """
                    insert into history_completion (generation, plan_id, activity_id, milestone_id, completed_on, on_time,
                                                    due_in_force, note, seq, recorded_at, effective_on)
                    values (:g, :planId, :id, :milestoneId, :completedOn, :onTime, :dueInForce, :note, :seq, :at,
                            :effective)""",
                    p("g", change.generation(), "planId", change.planId(), "id", change.activityId(),
                            "milestoneId", after.id(), "completedOn", after.completedOn(),
                            "onTime", Boolean.TRUE.equals(after.completedOnTime()), "dueInForce", after.due(),
                            "note", facts.reason(), "seq", change.seq(), "at", utc(change.recordedAt()),
                            "effective", change.effectiveOn()));
        }
    }

    /** A replay writes a new generation; queries keep reading the live one until the replay has caught up. */
    @ResetHandler
    void reset() {
        generations.startRebuild(PROCESSING_GROUP);
    }

    /**
     * One event of an activity: where, when recorded (never before the activity's previous event), when in force;
     * which event, and the batch its rows go to.
     */
    private record Change(int generation, String planId, String activityId, long seq, Instant recordedAt,
            LocalDate effectiveOn, String type, String eventId, Batch batch) {
    }

    /**
     * Sets a versioned attribute (the row {@code values}, keyed by {@code key}) on both axes.
     * Recorded axis: the current row ends at the change's recorded instant; the new row starts there, valid always.
     * Effective axis: among the current rows (which split the dates from the activity's start into ranges), the one
     * holding the change's effective date e ends at the recorded instant and is written again from then on, cut at e;
     * the new value holds from e to the end of that range (a later-dated change still wins after its own date). When
     * no current row starts at or before e, the new value holds from e up to the first current row.
     * The current rows are the batch's ({@link Versions}); they reach the table when the batch commits.
     */
    private void set(Versions table, List<Object> key, Map<String, Object> values, Change change) {
        Instant t = change.recordedAt();
        LocalDate e = change.effectiveOn();
        List<Version> current = table.current(key);
        List<Version> recorded = current.stream().filter(v -> v.axis() == 'R').toList();
        if (recorded.size() > 1) {
            throw new IllegalStateException(table.name + " had " + recorded.size() + " current rows for " + key);
        }
        recorded.forEach(v -> table.close(key, v, t, change.eventId()));
        table.add(key, new Version(null, 'R', t, null, null, values, null, change.eventId()));

        List<Version> effective = current.stream().filter(v -> v.axis() == 'V').toList();
        Version holding = effective.stream().filter(v -> !v.validFrom().isAfter(e))
                .max(java.util.Comparator.comparing(Version::validFrom)).orElse(null);
        LocalDate until;
        if (holding == null) {
            until = effective.stream().map(Version::validFrom).min(java.util.Comparator.naturalOrder()).orElse(null);
        } else {
            table.close(key, holding, t, change.eventId());
            if (holding.validFrom().isBefore(e)) {
                table.add(key, new Version(null, 'V', t, holding.validFrom(), e, holding.values(),
                        holding.id() != null ? holding.id() : holding.copyOf(), change.eventId()));
            }
            until = holding.validUntil();
        }
        table.add(key, new Version(null, 'V', t, e, until, values, null, change.eventId()));
    }

    private Map<String, Object> dueRow(Change change, MilestoneState milestone, LocalDate previousDue) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generation", change.generation());
        row.put("plan_id", change.planId());
        row.put("activity_id", change.activityId());
        row.put("milestone_id", milestone.id());
        row.put("due", milestone.due());
        row.put("original_due", milestone.originalDue());
        row.put("set_by", change.type());
        row.put("set_seq", change.seq());
        row.put("set_recorded_at", utc(change.recordedAt()));
        row.put("set_effective_on", change.effectiveOn());
        row.put("previous_due", previousDue);
        row.put("reason", null);
        row.put("basis_number", null);
        row.put("basis_date", null);
        return row;
    }

    private void assign(Change change, Assignment before, ActivityState after, ActivityEvent event) {
        for (Participant participant : after.participants(directory)) {
            change.batch().rows.add(change.eventId(), """
                    insert into history_participant (generation, activity_id, set_seq, agency_id, agency_name, role,
                                                     via_group, position)
                    values (:g, :id, :seq, :agencyId, :name, :role, :via, :position)
                    on conflict do nothing""",
                    p("g", change.generation(), "id", change.activityId(), "seq", change.seq(),
                            "agencyId", participant.agencyId(), "name", participant.agencyName(),
                            "role", participant.role().name(), "via", participant.viaGroup(),
                            "position", participant.position()));
        }
        Assignment assignment = after.assignment();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generation", change.generation());
        row.put("plan_id", change.planId());
        row.put("activity_id", change.activityId());
        row.put("lead_id", assignment.lead().id());
        row.put("lead_name", assignment.lead().name());
        row.put("coordinators", write(assignment.coordinators()));
        row.put("joint_leads", write(assignment.jointLeads()));
        row.put("set_seq", change.seq());
        row.put("set_recorded_at", utc(change.recordedAt()));
        row.put("set_effective_on", change.effectiveOn());
        row.put("previous_lead_id", before == null ? null : before.lead().id());
        row.put("previous_lead_name", before == null ? null : before.lead().name());
        row.put("previous_coordinators", before == null ? null : write(before.coordinators()));
        EventFacts facts = EventFacts.of(event);
        basis(row, facts.reason(), facts.basis());
        set(change.batch().assignments, List.of(change.activityId()), row, change);
    }

    /** An amendment's printed title, products and timeline, versioned like an assignment. */
    private void text(Change change, ActivityState before, ActivityState after, EventFacts facts) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generation", change.generation());
        row.put("plan_id", change.planId());
        row.put("activity_id", change.activityId());
        row.put("title", after.title());
        row.put("products", write(after.products()));
        row.put("timeline", after.timeline());
        row.put("set_seq", change.seq());
        row.put("set_recorded_at", utc(change.recordedAt()));
        row.put("set_effective_on", change.effectiveOn());
        row.put("previous_title", before.title());
        row.put("previous_products", write(before.products()));
        row.put("previous_timeline", before.timeline());
        basis(row, facts.reason(), facts.basis());
        set(change.batch().texts, List.of(change.activityId()), row, change);
    }

    /** A milestone the amended timeline no longer names: not counted from its withdrawal on. */
    private void withdrawal(Change change, MilestoneState m, EventFacts facts) {
        Map<String, Object> row = new LinkedHashMap<>();
        basis(row, facts.reason(), facts.basis());
        change.batch().rows.add(change.eventId(), """
                insert into history_withdrawal (generation, plan_id, activity_id, milestone_id, due_in_force, reason,
                                                basis_number, basis_date, seq, recorded_at, effective_on)
                values (:g, :planId, :id, :milestoneId, :due, :reason, :basis_number, :basis_date, :seq, :at,
                        :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", change.activityId(),
                        "milestoneId", m.id(), "due", m.due(), "reason", row.get("reason"),
                        "basis_number", row.get("basis_number"), "basis_date", row.get("basis_date"),
                        "seq", change.seq(), "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
    }

    private void report(Change change, ReportState r) {
        change.batch().rows.add(change.eventId(), """
                insert into history_report (generation, plan_id, activity_id, report_id, agency_id, agency_name,
                                            milestone_id, period, summary, document_number, sent_on, due_in_force,
                                            on_time, seq, recorded_at, effective_on, answers)
                values (:g, :planId, :id, :reportId, :agencyId, :agencyName, :milestoneId, :period, :summary,
                        :documentNumber, :sentOn, :dueInForce, :onTime, :seq, :at, :effective, :answers)""",
                p("g", change.generation(), "planId", change.planId(), "id", change.activityId(),
                        "reportId", r.reportId(), "agencyId", r.agency().id(), "agencyName", r.agency().name(),
                        "milestoneId", r.milestoneId(), "period", r.period(), "summary", r.summary(),
                        "documentNumber", r.documentNumber(), "sentOn", r.sentOn(), "dueInForce", r.dueInForce(),
                        "onTime", r.onTime(), "seq", change.seq(), "at", utc(change.recordedAt()),
                        "effective", change.effectiveOn(), "answers", r.answers()));
    }

    private void review(Change change, ReportState r) {
        change.batch().rows.add(change.eventId(), """
                insert into history_report_review (generation, plan_id, activity_id, report_id, outcome, reason,
                                                   reviewed_on, seq, recorded_at, effective_on)
                values (:g, :planId, :id, :reportId, :outcome, :reason, :reviewedOn, :seq, :at, :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", change.activityId(),
                        "reportId", r.reportId(), "outcome", r.review().name(),
                        "reason", r.reviewReason() == null ? "" : r.reviewReason(), "reviewedOn", r.reviewedOn(),
                        "seq", change.seq(), "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
    }

    private static void basis(Map<String, Object> row, String reason, DocumentRef basis) {
        row.put("reason", reason);
        row.put("basis_number", basis == null || !basis.isPresent() ? null : basis.number());
        row.put("basis_date", basis == null || !basis.isPresent() ? null : basis.date());
    }

    private int generation() {
        return generations.buildingInBatch(PROCESSING_GROUP);
    }

    private Batch batch(int generation) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource("plan_history-batch:" + generation, key -> {
            Batch batch = new Batch(generation, FoldStates.aggregatesOf(unitOfWork));
            unitOfWork.onPrepareCommit(u -> batch.write());
            return batch;
        });
    }

    /**
     * What one batch of events writes to the point-in-time model: rows kept in memory while its handlers run, the
     * versioned attributes' current rows read once for all the batch's activities, and everything sent when the
     * batch commits ({@link BatchRows}: a refused row names its event).
     */
    private final class Batch {

        private final int generation;
        private final BatchRows rows = new BatchRows();
        /** The date each plan is in force from: as stored, or as created in this batch; empty when unknown. */
        private final Map<String, Optional<LocalDate>> planInForce = new HashMap<>();
        private final Versions dues;
        private final Versions assignments;
        private final Versions texts;

        Batch(int generation, Collection<String> aggregates) {
            this.generation = generation;
            this.dues = new Versions(generation, "history_due", DUE_COLUMNS, List.of("activity_id", "milestone_id"));
            this.assignments = new Versions(generation, "history_assignment", ASSIGNMENT_COLUMNS, List.of("activity_id"));
            this.texts = new Versions(generation, "history_text", TEXT_COLUMNS, List.of("activity_id"));
            dues.load(aggregates);
            assignments.load(aggregates);
            texts.load(aggregates);
        }

        LocalDate planInForce(String planId) {
            return planInForce.computeIfAbsent(planId, id -> jdbc.queryForList(
                    "select effective_on from history_plan where generation = :g and plan_id = :planId",
                    p("g", generation, "planId", id), LocalDate.class).stream().findFirst()).orElse(null);
        }

        void write() {
            dues.writeTo(rows);
            assignments.writeTo(rows);
            texts.writeTo(rows);
            rows.write(dataSource, jdbc);
        }
    }

    /**
     * One row of a versioned attribute as a batch has it: a stored row ({@code id}) or one the batch writes, with its
     * values or as a copy of the columns of a stored row ({@code copyOf}); {@code recordedUntil} is set when a later
     * change of the batch ends it.
     */
    private static final class Version {

        private final Long id;
        private final char axis;
        private final Instant recordedFrom;
        private final LocalDate validFrom;
        private final LocalDate validUntil;
        private final Map<String, Object> values;
        private final Long copyOf;
        private final String eventId;
        private Instant recordedUntil;
        private String endedBy;

        Version(Long id, char axis, Instant recordedFrom, LocalDate validFrom, LocalDate validUntil,
                Map<String, Object> values, Long copyOf, String eventId) {
            this.id = id;
            this.axis = axis;
            this.recordedFrom = recordedFrom;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
            this.values = values;
            this.copyOf = copyOf;
            this.eventId = eventId;
        }

        Long id() {
            return id;
        }

        char axis() {
            return axis;
        }

        LocalDate validFrom() {
            return validFrom;
        }

        LocalDate validUntil() {
            return validUntil;
        }

        Map<String, Object> values() {
            return values;
        }

        Long copyOf() {
            return copyOf;
        }
    }

    /**
     * The current rows (recorded range still open) of one versioned table for the activities of a batch, read in one
     * query, changed in memory by the batch's settings, and written when it commits: the stored rows it ended, then
     * its new rows in the order they were set (so ids keep the recorded order, as one statement per setting did).
     */
    private final class Versions {

        private final int generation;
        private final String name;
        private final List<String> columns;
        private final List<String> keyColumns;
        private final Map<List<Object>, List<Version>> current = new HashMap<>();
        private final Set<String> loaded = new HashSet<>();
        private final List<Version> ended = new ArrayList<>();
        private final List<Version> written = new ArrayList<>();

        Versions(int generation, String name, List<String> columns, List<String> keyColumns) {
            this.generation = generation;
            this.name = name;
            this.columns = columns;
            this.keyColumns = keyColumns;
        }

        void load(Collection<String> activityIds) {
            List<String> missing = activityIds.stream().filter(loaded::add).toList();
            if (missing.isEmpty()) {
                return;
            }
            jdbc.query("select id, axis, lower(valid), upper(valid), " + String.join(", ", keyColumns) + " from " + name
                            + " where generation = :g and activity_id in (:ids) and upper_inf(recorded)",
                    p("g", generation, "ids", missing), rs -> {
                        List<Object> key = new ArrayList<>();
                        for (int i = 0; i < keyColumns.size(); i++) {
                            key.add(rs.getString(5 + i));
                        }
                        current.computeIfAbsent(key, k -> new ArrayList<>()).add(new Version(rs.getLong(1),
                                rs.getString(2).charAt(0), null, rs.getObject(3, LocalDate.class),
                                rs.getObject(4, LocalDate.class), null, null, null));
                    });
        }

        List<Version> current(List<Object> key) {
            load(List.of((String) key.get(0)));
            return current.computeIfAbsent(key, k -> new ArrayList<>());
        }

        /** Ends a current row at {@code at}, on behalf of the event {@code eventId}. */
        void close(List<Object> key, Version version, Instant at, String eventId) {
            current.get(key).remove(version);
            version.recordedUntil = at;
            if (version.id() != null) {
                version.endedBy = eventId;
                ended.add(version);
            }
        }

        void add(List<Object> key, Version version) {
            current.computeIfAbsent(key, k -> new ArrayList<>()).add(version);
            written.add(version);
        }

        void writeTo(BatchRows rows) {
            String columnList = String.join(", ", columns);
            String values = columns.stream()
                    .map(c -> JSON_COLUMNS.contains(c) ? "cast(:v_" + c + " as jsonb)" : ":v_" + c)
                    .reduce((a, b) -> a + ", " + b).orElseThrow();
            String ranges = ":axis, tstzrange(:from, :until, '[)'), daterange(:validFrom, :validUntil, '[)')";
            for (Version v : ended) {
                rows.add(v.endedBy, "update " + name + " set recorded = tstzrange(lower(recorded), :until, '[)')"
                        + " where id = :id", p("id", v.id(), "until", utc(v.recordedUntil)));
            }
            for (Version v : written) {
                MapSqlParameterSource params = p("axis", String.valueOf(v.axis()), "from", utc(v.recordedFrom),
                        "until", v.recordedUntil == null ? null : utc(v.recordedUntil), "validFrom", v.validFrom(),
                        "validUntil", v.validUntil());
                if (v.values() != null) {
                    v.values().forEach((k, value) -> params.addValue("v_" + k, value));
                    rows.add(v.eventId, "insert into " + name + " (" + columnList + ", axis, recorded, valid) values ("
                            + values + ", " + ranges + ")", params);
                } else {
                    params.addValue("id", v.copyOf());
                    rows.add(v.eventId, "insert into " + name + " (" + columnList + ", axis, recorded, valid) select "
                            + columnList + ", " + ranges + " from " + name + " where id = :id", params);
                }
            }
            ended.clear();
            written.clear();
        }
    }

    private String write(Object value) {
        return storable.json(value);
    }

    private static MapSqlParameterSource p(Object... namesAndValues) {
        MapSqlParameterSource params = Storable.parameters();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.addValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
