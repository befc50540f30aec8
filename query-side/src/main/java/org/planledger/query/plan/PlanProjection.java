package org.planledger.query.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planledger.query.support.BatchRows;
import org.planledger.query.support.FoldStates;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.Storable;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.Participant;
import org.planledger.shared.fold.ActivityState.ReportState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current plan ({@code plan_view}, {@code activity_view}, {@code activity_participant}, {@code milestone_view},
 * {@code report_view}, and the workload's counts of {@link WorkloadCounts}): each activity's rows are its state after
 * the one fold ({@link FoldStates}), written once per batch of events, only what changed. Status, participants and
 * dates come from the fold, never re-derived here; a redelivered event changes nothing; a reset empties the tables
 * for a replay.
 */
@Component
@ProcessingGroup(PlanProjection.PROCESSING_GROUP)
class PlanProjection {

    static final String PROCESSING_GROUP = "plan";
    private static final int GENERATION = 1;

    private final NamedParameterJdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Storable storable;
    private final FoldStates states;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    private final ProjectionGenerations generations;

    PlanProjection(NamedParameterJdbcTemplate jdbc, DataSource dataSource, ObjectMapper json, Storable storable,
            ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.storable = storable;
        this.states = new FoldStates("plan_fold_state", jdbc, json);
        this.generations = generations;
        // rebuilt in place (no generation column): the group's generation only says whether a rebuild is under way
        generations.registerInPlace(PROCESSING_GROUP, List.of("plan_view", "activity_view", "activity_participant",
                "milestone_view", "report_view", "plan_fold_state", "agency_participation", "agency_lead_due"));
    }

    @EventHandler
    void on(PlanEvent event, DomainEventMessage<?> message) {
        event.accept(new PlanEvent.Visitor<Void>() {
            @Override
            public Void on(PlanCreated e) {
                jdbc.update("""
                        insert into plan_view (plan_id, title, year, decision_number, decision_date, created_at)
                        values (:planId, :title, :year, :number, :date, :at)
                        on conflict (plan_id) do nothing""",
                        Storable.parameters().addValue("planId", e.planId()).addValue("title", e.title())
                                .addValue("year", e.year())
                                .addValue("number", e.decision() == null ? "" : e.decision().number())
                                .addValue("date", e.decision() == null ? null : e.decision().date())
                                .addValue("at", utc(message.getTimestamp())));
                return null;
            }

            @Override
            public Void on(ActivityAddedToPlan e) {
                return null; // the activity's own ActivityRegistered brings it into the current plan
            }

            @Override
            public Void on(AmendmentDecided e) {
                return null; // each change's own events bring it into the current plan
            }
        });
    }

    @EventHandler
    void on(ActivityEvent event, DomainEventMessage<?> message) {
        FoldStates.Step step = states.apply(GENERATION, event, message, null);
        if (step != null) {
            batch().record(step.before(), step.after(), step.recordedAt(), message.getIdentifier());
        }
    }

    /**
     * Empties the tables for the replay and marks the rebuild as under way (in the reset's transaction), so that the
     * current plan is not read half-filled meanwhile ({@link CurrentPlanModel}).
     */
    @ResetHandler
    void reset() {
        generations.startRebuild(PROCESSING_GROUP); // empties the tables registered above
    }

    private Writes batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource("plan-writes", key -> {
            Writes writes = new Writes();
            unitOfWork.onPrepareCommit(u -> writes.write());
            return writes;
        });
    }

    private static final String UPSERT_ACTIVITY = """
            insert into activity_view (activity_id, plan_id, code, section, title, products, timeline, notes,
                                       lead_id, lead_name, status, version, registered_at)
            values (:id, :planId, :code, :section, :title, cast(:products as jsonb), :timeline, :notes,
                    :leadId, :leadName, :status, :version, :at)
            on conflict (activity_id) do update set title = excluded.title, products = excluded.products,
                timeline = excluded.timeline, notes = excluded.notes, lead_id = excluded.lead_id,
                lead_name = excluded.lead_name, status = excluded.status, version = excluded.version""";
    /** A withdrawn milestone leaves the current plan; the ledger, the history and the audit trail keep it. */
    private static final String DELETE_MILESTONE =
            "delete from milestone_view where activity_id = :id and milestone_id = :milestoneId";
    private static final String DELETE_PARTICIPANTS = "delete from activity_participant where activity_id = :id";
    private static final String INSERT_PARTICIPANT = """
            insert into activity_participant (activity_id, agency_id, agency_name, role, via_group, position)
            values (:id, :agencyId, :name, :role, :via, :position)
            on conflict do nothing""";
    private static final String UPSERT_MILESTONE = """
            insert into milestone_view (activity_id, milestone_id, position, product, printed, rule,
                                        original_due, due, status, completed_on, on_time)
            values (:id, :milestoneId, :position, :product, :printed, cast(:rule as jsonb), :originalDue, :due,
                    :status, :completedOn, :onTime)
            on conflict (activity_id, milestone_id) do update set original_due = excluded.original_due,
                due = excluded.due, status = excluded.status, completed_on = excluded.completed_on,
                on_time = excluded.on_time""";
    private static final String INSERT_REPORT = """
            insert into report_view (activity_id, report_id, agency_id, agency_name, milestone_id, period,
                                     summary, document_number, sent_on, due_in_force, on_time, recorded_at, answers,
                                     review, review_reason, reviewed_on)
            values (:id, :reportId, :agencyId, :agencyName, :milestoneId, :period, :summary, :documentNumber,
                    :sentOn, :dueInForce, :onTime, :at, :answers, :review, :reviewReason, :reviewedOn)
            on conflict (activity_id, report_id) do nothing""";
    /**
     * The folded search documents (V51, {@code console_search_document}) of the activities whose texts or participants
     * the batch changed, once those are written: added after every other row of the batch, so that the statement runs
     * last, and run once over all of them (one statement per activity costs twice as much: each plans the function's
     * query again). A refused batch runs it per activity to name the event ({@link BatchRows#addKey}).
     */
    private static final String UPDATE_SEARCH_DOCUMENTS = """
            update activity_view a set search_document = d.document
            from (select k.id, console_search_document(k.id) as document from unnest(:keys) as k(id)) d
            where a.activity_id = d.id and a.search_document is distinct from d.document""";
    private static final String UPDATE_REVIEW = """
            update report_view set review = :review, review_reason = :reviewReason, reviewed_on = :reviewedOn
            where activity_id = :id and report_id = :reportId""";

    /** The activities one batch changed: their state when the batch began and now. */
    private final class Writes {

        /**
         * An activity's state when the batch began and now, when each of its steps was recorded and by which event
         * (the rows of the state now are written on behalf of the batch's last event of the activity).
         */
        private record Change(ActivityState before, ActivityState after, Map<Long, Instant> recordedAt,
                Map<Long, String> events) {

            String lastEvent() {
                return events.get(after.version());
            }
        }

        private final Map<String, Change> changes = new LinkedHashMap<>();
        private final WorkloadCounts counts = new WorkloadCounts(directory);

        void record(ActivityState before, ActivityState after, Instant recordedAt, String eventId) {
            Change change = changes.computeIfAbsent(after.activityId(),
                    id -> new Change(before, after, new LinkedHashMap<>(), new LinkedHashMap<>()));
            change.recordedAt().put(after.version(), recordedAt);
            change.events().put(after.version(), eventId);
            changes.put(after.activityId(), new Change(change.before(), after, change.recordedAt(), change.events()));
        }

        void write() {
            BatchRows rows = new BatchRows();
            changes.values().forEach(change -> {
                ActivityState before = change.before();
                ActivityState after = change.after();
                String event = change.lastEvent();
                counts.change(before, after, event);
                rows.add(event, UPSERT_ACTIVITY, activityRow(after, change.recordedAt().values().iterator().next()));
                if (before == null || !Objects.equals(before.assignment(), after.assignment())) {
                    rows.add(event, DELETE_PARTICIPANTS, new MapSqlParameterSource("id", after.activityId()));
                    for (Participant p : after.participants(directory)) {
                        rows.add(event, INSERT_PARTICIPANT, Storable.parameters().addValue("id", after.activityId())
                                .addValue("agencyId", p.agencyId()).addValue("name", p.agencyName())
                                .addValue("role", p.role().name()).addValue("via", p.viaGroup())
                                .addValue("position", p.position()));
                    }
                }
                for (MilestoneState m : after.milestones()) {
                    if (before == null || !before.milestone(m.id()).equals(java.util.Optional.of(m))) {
                        rows.add(event, UPSERT_MILESTONE, milestoneRow(after.activityId(), m));
                    }
                }
                if (before != null) {
                    for (MilestoneState m : after.withdrawnMilestones().subList(before.withdrawnMilestones().size(),
                            after.withdrawnMilestones().size())) {
                        rows.add(event, DELETE_MILESTONE, new MapSqlParameterSource("id", after.activityId())
                                .addValue("milestoneId", m.id()));
                    }
                }
                int known = before == null ? 0 : before.reports().size();
                for (ReportState r : after.reports().subList(known, after.reports().size())) {
                    rows.add(change.events().get(r.seq()), INSERT_REPORT,
                            reportRow(after.activityId(), r, change.recordedAt().get(r.seq())));
                }
                for (int i = 0; i < known; i++) {
                    ReportState r = after.reports().get(i);
                    if (!before.reports().get(i).equals(r)) {
                        rows.add(event, UPDATE_REVIEW, review(Storable.parameters().addValue("id", after.activityId())
                                .addValue("reportId", r.reportId()), r));
                    }
                }
            });
            changes.values().stream().filter(change -> searchedTextsChanged(change.before(), change.after()))
                    .forEach(change -> rows.addKey(change.lastEvent(), UPDATE_SEARCH_DOCUMENTS,
                            change.after().activityId()));
            counts.writeTo(rows);
            rows.write(dataSource, jdbc);
            changes.clear();
        }

        /**
         * Whether what {@code console_search_document} reads changed: the title, products and timeline, or the
         * participants (rewritten exactly when the assignment changes). A reschedule or a report leaves it as it was.
         */
        private static boolean searchedTextsChanged(ActivityState before, ActivityState after) {
            return before == null || !Objects.equals(before.assignment(), after.assignment())
                    || !before.title().equals(after.title()) || !before.products().equals(after.products())
                    || !before.timeline().equals(after.timeline());
        }

        private MapSqlParameterSource activityRow(ActivityState a, Instant registeredAt) {
            return Storable.parameters().addValue("id", a.activityId()).addValue("planId", a.planId())
                    .addValue("code", a.code()).addValue("section", a.section()).addValue("title", a.title())
                    .addValue("products", storable.json(a.products())).addValue("timeline", a.timeline())
                    .addValue("notes", a.notes())
                    .addValue("leadId", a.assignment() == null ? null : a.assignment().lead().id())
                    .addValue("leadName", a.assignment() == null ? null : a.assignment().lead().name())
                    .addValue("status", a.status().name()).addValue("version", a.version())
                    .addValue("at", utc(registeredAt));
        }

        private MapSqlParameterSource milestoneRow(String activityId, MilestoneState m) {
            return Storable.parameters().addValue("id", activityId).addValue("milestoneId", m.id())
                    .addValue("position", m.position()).addValue("product", m.product())
                    .addValue("printed", m.printed()).addValue("rule", storable.json(m.rule()))
                    .addValue("originalDue", m.originalDue()).addValue("due", m.due())
                    .addValue("status", m.completed() ? "COMPLETED" : "OPEN").addValue("completedOn", m.completedOn())
                    .addValue("onTime", m.completedOnTime());
        }

        private MapSqlParameterSource reportRow(String activityId, ReportState r, Instant recordedAt) {
            return review(Storable.parameters().addValue("id", activityId).addValue("reportId", r.reportId())
                    .addValue("agencyId", r.agency().id()).addValue("agencyName", r.agency().name())
                    .addValue("milestoneId", r.milestoneId()).addValue("period", r.period())
                    .addValue("summary", r.summary()).addValue("documentNumber", r.documentNumber())
                    .addValue("sentOn", r.sentOn()).addValue("dueInForce", r.dueInForce()).addValue("onTime", r.onTime())
                    .addValue("at", utc(recordedAt)).addValue("answers", r.answers()), r);
        }

        private MapSqlParameterSource review(MapSqlParameterSource row, ReportState r) {
            return row.addValue("review", r.reviewState()).addValue("reviewReason", r.reviewReason())
                    .addValue("reviewedOn", r.reviewedOn());
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
