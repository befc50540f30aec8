package org.planledger.query.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects plan and activity events into the current-plan read model ({@code plan_view}, {@code activity_view},
 * {@code activity_participant}, {@code milestone_view}, {@code report_view}). Every statement is an upsert or sets
 * absolute values, so a redelivered event changes nothing; a reset empties the tables for a replay.
 */
@Component
@ProcessingGroup(PlanProjection.PROCESSING_GROUP)
class PlanProjection {

    static final String PROCESSING_GROUP = "plan";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    PlanProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PlanCreated event, @Timestamp Instant recordedAt) {
        jdbc.update("""
                insert into plan_view (plan_id, title, year, decision_number, decision_date, created_at)
                values (:planId, :title, :year, :number, :date, :at)
                on conflict (plan_id) do nothing""",
                p("planId", event.planId(), "title", event.title(), "year", event.year(),
                        "number", event.decision() == null ? "" : event.decision().number(),
                        "date", event.decision() == null ? null : event.decision().date(),
                        "at", at(recordedAt)));
    }

    @EventHandler
    void on(ActivityRegistered event, @SequenceNumber long version, @Timestamp Instant recordedAt) {
        jdbc.update("""
                insert into activity_view (activity_id, plan_id, code, section, title, products, timeline, notes,
                                           status, version, registered_at)
                values (:id, :planId, :code, :section, :title, cast(:products as jsonb), :timeline, :notes,
                        'OPEN', :version, :at)
                on conflict (activity_id) do nothing""",
                p("id", event.activityId(), "planId", event.planId(), "code", event.code(),
                        "section", event.section(), "title", event.title(), "products", write(event.products()),
                        "timeline", event.timeline(), "notes", event.notes() == null ? "" : event.notes(),
                        "version", version, "at", at(recordedAt)));
    }

    @EventHandler
    void on(MilestoneScheduled event, @SequenceNumber long version) {
        jdbc.update("""
                insert into milestone_view (activity_id, milestone_id, position, product, printed, rule,
                                            original_due, due, status)
                values (:id, :milestoneId, :position, :product, :printed, cast(:rule as jsonb), :due, :due, 'OPEN')
                on conflict (activity_id, milestone_id) do nothing""",
                p("id", event.activityId(), "milestoneId", event.milestoneId(),
                        "position", position(event.milestoneId()), "product", event.product(),
                        "printed", event.printed(), "rule", write(event.rule()), "due", event.due()));
        touch(event.activityId(), version);
    }

    @EventHandler
    void on(ActivityAssigned event, @SequenceNumber long version) {
        jdbc.update("delete from activity_participant where activity_id = :id", p("id", event.activityId()));
        List<AgencyRef> leads = new ArrayList<>(List.of(event.lead()));
        leads.addAll(event.jointLeads());
        for (int i = 0; i < leads.size(); i++) {
            addParticipant(event.activityId(), leads.get(i), "LEAD", i);
        }
        List<AgencyRef> coordinators = event.coordinators();
        for (int i = 0; i < coordinators.size(); i++) {
            addParticipant(event.activityId(), coordinators.get(i), "COORDINATOR", i + 1);
        }
        jdbc.update("""
                update activity_view set lead_id = :leadId, lead_name = :leadName, version = greatest(version, :version)
                where activity_id = :id""",
                p("id", event.activityId(), "leadId", event.lead().id(), "leadName", event.lead().name(),
                        "version", version));
    }

    @EventHandler
    void on(DeadlineRescheduled event, @SequenceNumber long version) {
        jdbc.update("update milestone_view set due = :due where activity_id = :id and milestone_id = :milestoneId",
                p("id", event.activityId(), "milestoneId", event.milestoneId(), "due", event.newDue()));
        touch(event.activityId(), version);
    }

    @EventHandler
    void on(MilestoneTriggered event, @SequenceNumber long version) {
        jdbc.update("""
                update milestone_view set due = :due, original_due = coalesce(original_due, :due)
                where activity_id = :id and milestone_id = :milestoneId""",
                p("id", event.activityId(), "milestoneId", event.milestoneId(), "due", event.due()));
        touch(event.activityId(), version);
    }

    @EventHandler
    void on(ReportSubmitted event, @SequenceNumber long version, @Timestamp Instant recordedAt) {
        MapSqlParameterSource row = p("id", event.activityId(), "reportId", event.reportId(),
                "agencyId", event.agency().id(), "agencyName", event.agency().name(),
                "milestoneId", event.milestoneId(), "period", event.period(), "summary", event.summary(),
                "documentNumber", event.documentNumber(), "sentOn", event.sentOn(),
                "dueInForce", event.dueInForce(), "onTime", event.onTime(), "at", at(recordedAt));
        jdbc.update("""
                insert into report_view (activity_id, report_id, agency_id, agency_name, milestone_id, period, summary,
                                         document_number, sent_on, due_in_force, on_time, recorded_at)
                values (:id, :reportId, :agencyId, :agencyName, :milestoneId, :period, :summary, :documentNumber,
                        :sentOn, :dueInForce, :onTime, :at)
                on conflict (activity_id, report_id) do nothing""", row);
        touch(event.activityId(), version);
    }

    @EventHandler
    void on(MilestoneCompleted event, @SequenceNumber long version) {
        jdbc.update("""
                update milestone_view set status = 'COMPLETED', completed_on = :completedOn, on_time = :onTime
                where activity_id = :id and milestone_id = :milestoneId""",
                p("id", event.activityId(), "milestoneId", event.milestoneId(),
                        "completedOn", event.completedOn(), "onTime", event.onTime()));
        jdbc.update("""
                update activity_view set status = 'COMPLETED'
                where activity_id = :id and status = 'OPEN'
                  and not exists (select 1 from milestone_view m where m.activity_id = :id and m.status = 'OPEN')""",
                p("id", event.activityId()));
        touch(event.activityId(), version);
    }

    @EventHandler
    void on(ActivityCancelled event, @SequenceNumber long version) {
        jdbc.update("update activity_view set status = 'CANCELLED' where activity_id = :id", p("id", event.activityId()));
        touch(event.activityId(), version);
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().execute(
                "truncate plan_view, activity_view, activity_participant, milestone_view, report_view");
    }

    /** Records the agency as named and, for a group, each member as taking part through the group. */
    private void addParticipant(String activityId, AgencyRef agency, String role, int position) {
        insertParticipant(activityId, agency.id(), agency.name(), role, "", position);
        for (String memberId : directory.memberIdsOf(agency.id())) {
            insertParticipant(activityId, memberId, directory.get(memberId).name(), role, agency.id(), position);
        }
    }

    private void insertParticipant(String activityId, String agencyId, String name, String role, String viaGroup, int position) {
        jdbc.update("""
                insert into activity_participant (activity_id, agency_id, agency_name, role, via_group, position)
                values (:id, :agencyId, :name, :role, :via, :position)
                on conflict do nothing""",
                p("id", activityId, "agencyId", agencyId, "name", name, "role", role, "via", viaGroup,
                        "position", position));
    }

    private void touch(String activityId, long version) {
        jdbc.update("update activity_view set version = greatest(version, :version) where activity_id = :id",
                p("id", activityId, "version", version));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** Named parameters from name, value pairs; values may be null. */
    private static MapSqlParameterSource p(Object... namesAndValues) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.addValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static int position(String milestoneId) {
        String digits = milestoneId.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
