package org.planledger.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;
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
            "history_cancellation", "history_report");

    private static final List<String> DUE_COLUMNS = List.of("generation", "plan_id", "activity_id", "milestone_id",
            "due", "set_by", "set_seq", "set_recorded_at", "set_effective_on", "previous_due", "reason",
            "basis_number", "basis_date");
    private static final List<String> ASSIGNMENT_COLUMNS = List.of("generation", "plan_id", "activity_id", "lead_id",
            "lead_name", "coordinators", "joint_leads", "set_seq", "set_recorded_at", "set_effective_on", "previous_lead_id",
            "previous_lead_name", "previous_coordinators", "reason", "basis_number", "basis_date");
    private static final Set<String> JSON_COLUMNS = Set.of("coordinators", "joint_leads", "previous_coordinators");

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionGenerations generations;
    private final ZoneId zone;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    PlanHistoryProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ProjectionGenerations generations,
            @Value("${planledger.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.generations = generations;
        this.zone = zone;
        generations.register(PROCESSING_GROUP, TABLES);
    }

    @EventHandler
    void on(PlanCreated event, DomainEventMessage<?> message) {
        Instant at = message.getTimestamp();
        jdbc.update("""
                insert into history_plan (generation, plan_id, title, year, decision_number, decision_date,
                                          recorded_at, effective_on)
                values (:g, :planId, :title, :year, :number, :date, :at, :effective)
                on conflict do nothing""",
                p("g", generation(), "planId", event.planId(), "title", event.title(), "year", event.year(),
                        "number", event.decision() == null ? "" : event.decision().number(),
                        "date", event.decision() == null ? null : event.decision().date(), "at", utc(at),
                        "effective", inForce(event)));
    }

    /**
     * A plan is in force from the date of the decision adopting it; a decision recorded without its date (as the Sơn
     * La decision is printed) leaves the plan in force from 1 January of its year.
     */
    static LocalDate inForce(PlanCreated event) {
        return PlanCreated.inForceFrom(event.year(), event.decision());
    }

    @EventHandler
    void on(ActivityRegistered event, DomainEventMessage<?> message) {
        int g = generation();
        Instant at = message.getTimestamp();
        List<LocalDate> planInForce = jdbc.queryForList(
                "select effective_on from history_plan where generation = :g and plan_id = :planId",
                p("g", g, "planId", event.planId()), LocalDate.class);
        LocalDate effective = EffectiveDate.latest(EffectiveDate.of(null, message.getMetaData(), at, zone),
                planInForce.isEmpty() ? null : planInForce.get(0));
        if (!revision(g, event.activityId(), message, at, effective)) {
            return;
        }
        jdbc.update("""
                insert into history_activity (generation, activity_id, plan_id, code, section, title, products,
                                              timeline, notes, recorded_at, effective_on)
                values (:g, :id, :planId, :code, :section, :title, cast(:products as jsonb), :timeline, :notes,
                        :at, :effective)""",
                p("g", g, "id", event.activityId(), "planId", event.planId(), "code", event.code(),
                        "section", event.section(), "title", event.title(), "products", write(event.products()),
                        "timeline", event.timeline(), "notes", event.notes() == null ? "" : event.notes(),
                        "at", utc(at), "effective", effective));
    }

    @EventHandler
    void on(MilestoneScheduled event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, null);
        if (change == null) {
            return;
        }
        jdbc.update("""
                insert into history_milestone (generation, plan_id, activity_id, milestone_id, position, product,
                                               printed, rule, original_due, recorded_at, effective_on)
                values (:g, :planId, :id, :milestoneId, :position, :product, :printed, cast(:rule as jsonb), :due,
                        :at, :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", event.activityId(),
                        "milestoneId", event.milestoneId(), "position", position(event.milestoneId()),
                        "product", event.product(), "printed", event.printed(), "rule", write(event.rule()),
                        "due", event.due(), "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
        Map<String, Object> due = dueRow(change, event.milestoneId(), event.due(), "MilestoneScheduled", null, null);
        set("history_due", DUE_COLUMNS, dueKey(event.activityId(), event.milestoneId()), due, change);
    }

    @EventHandler
    void on(DeadlineRescheduled event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, event.effectiveOn());
        if (change == null) {
            return;
        }
        Map<String, Object> due = dueRow(change, event.milestoneId(), event.newDue(), "DeadlineRescheduled",
                event.reason(), event.basis());
        due.put("previous_due", event.previousDue());
        set("history_due", DUE_COLUMNS, dueKey(event.activityId(), event.milestoneId()), due, change);
    }

    @EventHandler
    void on(ActivityAssigned event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, event.effectiveOn());
        if (change == null) {
            return;
        }
        addParticipant(change, event.lead(), "LEAD", 0);
        for (AgencyRef jointLead : event.jointLeads()) {
            addParticipant(change, jointLead, "LEAD", 0);
        }
        List<AgencyRef> coordinators = event.coordinators() == null ? List.of() : event.coordinators();
        for (int i = 0; i < coordinators.size(); i++) {
            addParticipant(change, coordinators.get(i), "COORDINATOR", i + 1);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generation", change.generation());
        row.put("plan_id", change.planId());
        row.put("activity_id", event.activityId());
        row.put("lead_id", event.lead().id());
        row.put("lead_name", event.lead().name());
        row.put("coordinators", write(coordinators));
        row.put("joint_leads", write(event.jointLeads()));
        row.put("set_seq", change.seq());
        row.put("set_recorded_at", utc(change.recordedAt()));
        row.put("set_effective_on", change.effectiveOn());
        row.put("previous_lead_id", event.previousLead() == null ? null : event.previousLead().id());
        row.put("previous_lead_name", event.previousLead() == null ? null : event.previousLead().name());
        row.put("previous_coordinators", event.previousCoordinators() == null ? null : write(event.previousCoordinators()));
        basis(row, event.reason(), event.basis());
        set("history_assignment", ASSIGNMENT_COLUMNS, Map.of("activity_id", event.activityId()), row, change);
    }

    @EventHandler
    void on(ReportSubmitted event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, null);
        if (change == null) {
            return;
        }
        jdbc.update("""
                insert into history_report (generation, plan_id, activity_id, report_id, agency_id, agency_name,
                                            milestone_id, period, summary, document_number, sent_on, due_in_force,
                                            on_time, seq, recorded_at, effective_on)
                values (:g, :planId, :id, :reportId, :agencyId, :agencyName, :milestoneId, :period, :summary,
                        :documentNumber, :sentOn, :dueInForce, :onTime, :seq, :at, :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", event.activityId(),
                        "reportId", event.reportId(), "agencyId", event.agency().id(),
                        "agencyName", event.agency().name(), "milestoneId", event.milestoneId(),
                        "period", event.period(), "summary", event.summary(), "documentNumber", event.documentNumber(),
                        "sentOn", event.sentOn(), "dueInForce", event.dueInForce(), "onTime", event.onTime(),
                        "seq", change.seq(), "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
    }

    @EventHandler
    void on(MilestoneCompleted event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, null);
        if (change == null) {
            return;
        }
        jdbc.update("""
                insert into history_completion (generation, plan_id, activity_id, milestone_id, completed_on, on_time,
                                                due_in_force, note, seq, recorded_at, effective_on)
                values (:g, :planId, :id, :milestoneId, :completedOn, :onTime, :dueInForce, :note, :seq, :at,
                        :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", event.activityId(),
                        "milestoneId", event.milestoneId(), "completedOn", event.completedOn(),
                        "onTime", event.onTime(), "dueInForce", event.dueInForce(), "note", event.note(),
                        "seq", change.seq(), "at", utc(change.recordedAt()), "effective", change.effectiveOn()));
    }

    @EventHandler
    void on(ActivityCancelled event, DomainEventMessage<?> message) {
        Change change = change(event.activityId(), message, event.effectiveOn());
        if (change == null) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        basis(row, event.reason(), event.basis());
        jdbc.update("""
                insert into history_cancellation (generation, plan_id, activity_id, reason, basis_number, basis_date,
                                                  seq, recorded_at, effective_on)
                values (:g, :planId, :id, :reason, :basis_number, :basis_date, :seq, :at, :effective)""",
                p("g", change.generation(), "planId", change.planId(), "id", event.activityId(),
                        "reason", row.get("reason"), "basis_number", row.get("basis_number"),
                        "basis_date", row.get("basis_date"), "seq", change.seq(), "at", utc(change.recordedAt()),
                        "effective", change.effectiveOn()));
    }

    /** A replay writes a new generation; queries keep reading the live one until the replay has caught up. */
    @ResetHandler
    void reset() {
        generations.startRebuild(PROCESSING_GROUP);
    }

    /** One event of an activity: where, when recorded (never before the activity's previous event), when in force. */
    private record Change(int generation, String planId, String activityId, long seq, Instant recordedAt, LocalDate effectiveOn) {
    }

    /**
     * Records the event in {@code history_revision} and says when it counts; null when the event was already
     * recorded in this generation (a redelivery), or when its activity is unknown.
     */
    private Change change(String activityId, DomainEventMessage<?> message, LocalDate effectiveInPayload) {
        int g = generation();
        List<Map<String, Object>> found = jdbc.queryForList("""
                select a.effective_on,
                       (select max(r.recorded_at) from history_revision r
                        where r.generation = a.generation and r.activity_id = a.activity_id) as last_recorded
                from history_activity a where a.generation = :g and a.activity_id = :id""",
                p("g", g, "id", activityId));
        if (found.isEmpty()) {
            return null;
        }
        LocalDate activityInForce = ((java.sql.Date) found.get(0).get("effective_on")).toLocalDate();
        Object last = found.get(0).get("last_recorded");
        Instant recordedAt = message.getTimestamp();
        if (last != null) {
            Instant previous = ((java.sql.Timestamp) last).toInstant();
            if (previous.isAfter(recordedAt)) {
                recordedAt = previous;
            }
        }
        LocalDate effective = EffectiveDate.latest(
                EffectiveDate.of(effectiveInPayload, message.getMetaData(), message.getTimestamp(), zone),
                activityInForce);
        if (!revision(g, activityId, message, recordedAt, effective)) {
            return null;
        }
        return new Change(g, ActivityId.planOf(activityId), activityId, message.getSequenceNumber(), recordedAt, effective);
    }

    private boolean revision(int g, String activityId, DomainEventMessage<?> message, Instant at, LocalDate effective) {
        return jdbc.update("""
                insert into history_revision (generation, activity_id, seq, event_type, recorded_at, effective_on)
                values (:g, :id, :seq, :type, :at, :effective)
                on conflict do nothing""",
                p("g", g, "id", activityId, "seq", message.getSequenceNumber(),
                        "type", message.getPayloadType().getSimpleName(), "at", utc(at), "effective", effective)) == 1;
    }

    /**
     * Sets a versioned attribute (the row {@code values}, keyed by {@code key}) on both axes.
     * Recorded axis: the current row ends at the change's recorded instant; the new row starts there, valid always.
     * Effective axis: among the current rows (which split the dates from the activity's start into ranges), the one
     * holding the change's effective date e ends at the recorded instant and is written again from then on, cut at e;
     * the new value holds from e to the end of that range (a later-dated change still wins after its own date). When
     * no current row starts at or before e, the new value holds from e up to the first current row.
     */
    private void set(String table, List<String> columns, Map<String, Object> key, Map<String, Object> values, Change change) {
        String keyed = "generation = :g" + key.keySet().stream().map(k -> " and " + k + " = :k_" + k).reduce("", String::concat);
        MapSqlParameterSource params = new MapSqlParameterSource("g", change.generation())
                .addValue("t", utc(change.recordedAt())).addValue("e", change.effectiveOn());
        key.forEach((k, v) -> params.addValue("k_" + k, v));
        values.forEach((k, v) -> params.addValue("v_" + k, v));
        String columnList = String.join(", ", columns);
        String newValues = columns.stream()
                .map(c -> JSON_COLUMNS.contains(c) ? "cast(:v_" + c + " as jsonb)" : ":v_" + c)
                .reduce((a, b) -> a + ", " + b).orElseThrow();

        List<Object> previous = jdbc.queryForList("update " + table
                + " set recorded = tstzrange(lower(recorded), :t, '[)') where " + keyed
                + " and axis = 'R' and upper_inf(recorded) returning id", params, Object.class);
        if (previous.size() > 1) {
            throw new IllegalStateException(table + " had " + previous.size() + " current rows for " + key);
        }
        jdbc.update("insert into " + table + " (" + columnList + ", axis, recorded, valid) values (" + newValues
                + ", 'R', tstzrange(:t, null, '[)'), daterange(null, null))", params);

        List<Map<String, Object>> holding = jdbc.queryForList("select id, lower(valid) as lo, upper(valid) as hi from "
                + table + " where " + keyed + " and axis = 'V' and upper_inf(recorded) and lower(valid) <= :e"
                + " order by lower(valid) desc limit 1", params);
        LocalDate until;
        if (holding.isEmpty()) {
            List<LocalDate> first = jdbc.queryForList("select min(lower(valid)) from " + table + " where " + keyed
                    + " and axis = 'V' and upper_inf(recorded)", params, LocalDate.class);
            until = first.isEmpty() ? null : first.get(0);
        } else {
            Map<String, Object> row = holding.get(0);
            params.addValue("id", row.get("id"));
            LocalDate from = ((java.sql.Date) row.get("lo")).toLocalDate();
            until = row.get("hi") == null ? null : ((java.sql.Date) row.get("hi")).toLocalDate();
            jdbc.update("update " + table + " set recorded = tstzrange(lower(recorded), :t, '[)') where id = :id", params);
            if (from.isBefore(change.effectiveOn())) {
                jdbc.update("insert into " + table + " (" + columnList + ", axis, recorded, valid) select "
                        + columnList + ", 'V', tstzrange(:t, null, '[)'), daterange(lower(valid), :e, '[)') from "
                        + table + " where id = :id", params);
            }
        }
        params.addValue("until", until);
        jdbc.update("insert into " + table + " (" + columnList + ", axis, recorded, valid) values (" + newValues
                + ", 'V', tstzrange(:t, null, '[)'), daterange(:e, :until, '[)'))", params);
    }

    private Map<String, Object> dueRow(Change change, String milestoneId, LocalDate due, String setBy, String reason,
            DocumentRef basis) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("generation", change.generation());
        row.put("plan_id", change.planId());
        row.put("activity_id", change.activityId());
        row.put("milestone_id", milestoneId);
        row.put("due", due);
        row.put("set_by", setBy);
        row.put("set_seq", change.seq());
        row.put("set_recorded_at", utc(change.recordedAt()));
        row.put("set_effective_on", change.effectiveOn());
        row.put("previous_due", null);
        basis(row, reason, basis);
        return row;
    }

    private static Map<String, Object> dueKey(String activityId, String milestoneId) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("activity_id", activityId);
        key.put("milestone_id", milestoneId);
        return key;
    }

    private static void basis(Map<String, Object> row, String reason, DocumentRef basis) {
        row.put("reason", reason);
        row.put("basis_number", basis == null || !basis.isPresent() ? null : basis.number());
        row.put("basis_date", basis == null || !basis.isPresent() ? null : basis.date());
    }

    /** Records the agency as named and, for a group, each member as taking part through the group. */
    private void addParticipant(Change change, AgencyRef agency, String role, int position) {
        insertParticipant(change, agency.id(), agency.name(), role, "", position);
        for (String memberId : directory.memberIdsOf(agency.id())) {
            insertParticipant(change, memberId, directory.get(memberId).name(), role, agency.id(), position);
        }
    }

    private void insertParticipant(Change change, String agencyId, String name, String role, String viaGroup, int position) {
        jdbc.update("""
                insert into history_participant (generation, activity_id, set_seq, agency_id, agency_name, role,
                                                 via_group, position)
                values (:g, :id, :seq, :agencyId, :name, :role, :via, :position)
                on conflict do nothing""",
                p("g", change.generation(), "id", change.activityId(), "seq", change.seq(),
                        "agencyId", agencyId, "name", name, "role", role, "via", viaGroup, "position", position));
    }

    private int generation() {
        return generations.building(PROCESSING_GROUP);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private static MapSqlParameterSource p(Object... namesAndValues) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.addValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static int position(String milestoneId) {
        String digits = milestoneId.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
