package org.planledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.planledger.query.history.EffectiveDate;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.eventstore.EventCatalogue;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects every event into the audit trail ({@code audit_entry}): who (from the metadata, never from the payload),
 * when recorded, from when in force, why, on what basis, under which request, and the change field by field. Keyed by
 * event id per generation, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit_entry";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionGenerations generations;
    private final ZoneId zone;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    AuditProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ProjectionGenerations generations,
            @Value("${planledger.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.generations = generations;
        this.zone = zone;
        generations.register(PROCESSING_GROUP, List.of("audit_entry"));
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        int g = generations.building(PROCESSING_GROUP);
        String activityId = activityIdOf(event);
        String planId = planIdOf(event, activityId);
        if (planId == null) {
            return;
        }
        MetaData meta = message.getMetaData();
        List<String> participantsBefore = activityId == null ? List.of() : participants(g, activityId);
        List<String> participantsAfter = new ArrayList<>(participantsBefore);
        Set<String> named = new LinkedHashSet<>();
        if (event instanceof ActivityAssigned e) {
            participantsAfter.clear();
            participantsAfter.add(e.lead().id());
            e.coordinators().forEach(c -> participantsAfter.add(c.id()));
            if (e.previousLead() != null) {
                named.add(e.previousLead().id());
            }
            if (e.previousCoordinators() != null) {
                e.previousCoordinators().forEach(c -> named.add(c.id()));
            }
        } else if (event instanceof ReportSubmitted e) {
            named.add(e.agency().id());
        }
        Set<String> agencies = new LinkedHashSet<>();
        String actorAgency = text(meta, LedgerMetaData.ACTOR_AGENCY);
        if (actorAgency != null) {
            agencies.add(actorAgency);
        }
        agencies.addAll(participantsBefore);
        agencies.addAll(participantsAfter);
        agencies.addAll(named);
        for (String id : List.copyOf(agencies)) {
            agencies.addAll(directory.memberIdsOf(id));
        }

        String statusBefore = event instanceof ActivityCancelled ? statusBefore(g, activityId) : null;
        String reason = text(meta, LedgerMetaData.REASON);
        String basisNumber = text(meta, LedgerMetaData.BASIS_NUMBER);
        LocalDate basisDate = date(text(meta, LedgerMetaData.BASIS_DATE));
        DocumentRef basis = basisOf(event);
        if (basis != null && basis.isPresent()) {
            basisNumber = basis.number();
            basisDate = basis.date();
        }
        String payloadReason = reasonOf(event);
        if (payloadReason != null) {
            reason = payloadReason;
        }
        Long position = globalPosition(message);
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;

        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("g", g).addValue("position", position).addValue("eventId", message.getIdentifier())
                .addValue("planId", planId).addValue("activityId", activityId)
                .addValue("code", activityId == null ? null : ActivityId.codeOf(activityId))
                .addValue("sequence", sequence)
                .addValue("type", EventCatalogue.nameOf(event.getClass()).orElse(event.getClass().getSimpleName()))
                .addValue("actorUser", text(meta, LedgerMetaData.ACTOR_USER))
                .addValue("actorAgency", actorAgency)
                .addValue("actorRole", text(meta, LedgerMetaData.ACTOR_ROLE))
                .addValue("at", message.getTimestamp().atOffset(ZoneOffset.UTC))
                .addValue("effective", EffectiveDate.of(effectiveOf(event), meta, message.getTimestamp(), zone))
                .addValue("reason", reason).addValue("basisNumber", basisNumber).addValue("basisDate", basisDate)
                .addValue("requestId", text(meta, LedgerMetaData.REQUEST_ID))
                .addValue("correlationId", text(meta, LedgerMetaData.CORRELATION_ID))
                .addValue("changes", write(AuditChanges.of(event, statusBefore)))
                .addValue("payload", write(event))
                .addValue("agencies", array(agencies))
                .addValue("participants", array(participantsAfter));
        jdbc.update("""
                insert into audit_entry (generation, global_position, event_id, plan_id, activity_id, code,
                                         aggregate_sequence, event_type, actor_user, actor_agency, actor_role,
                                         recorded_at, effective_on, reason, basis_number, basis_date, request_id,
                                         correlation_id, changes, payload, agencies, participants)
                values (:g, :position, :eventId, :planId, :activityId, :code, :sequence, :type, :actorUser,
                        :actorAgency, :actorRole, :at, :effective, :reason, :basisNumber, :basisDate, :requestId,
                        :correlationId, cast(:changes as jsonb), cast(:payload as jsonb), :agencies, :participants)
                on conflict (generation, event_id) do nothing""", row);
    }

    /** A replay writes a new generation; queries keep reading the live one until the replay has caught up. */
    @ResetHandler
    void reset() {
        generations.startRebuild(PROCESSING_GROUP);
    }

    /**
     * The event's own global index. (A tracking token's position is the highest index seen so far: for an event that
     * fills a gap left by a slower writer it is the index of a later event.)
     */
    private Long globalPosition(EventMessage<?> message) {
        List<Long> found = jdbc.queryForList(
                "select global_index from " + EventStoreSchema.EVENT_TABLE + " where event_identifier = :id",
                new MapSqlParameterSource("id", message.getIdentifier()), Long.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
    }

    private List<String> participants(int g, String activityId) {
        List<List<String>> found = jdbc.query("""
                select participants from audit_entry where generation = :g and activity_id = :id
                order by seq desc limit 1""", new MapSqlParameterSource("g", g).addValue("id", activityId),
                (rs, i) -> List.of((String[]) rs.getArray(1).getArray()));
        return found.isEmpty() ? List.of() : found.get(0);
    }

    /** COMPLETED when every milestone scheduled was completed, else OPEN (cancellation ends an open activity). */
    private String statusBefore(int g, String activityId) {
        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) filter (where event_type = 'MilestoneScheduled') as scheduled,
                       count(*) filter (where event_type = 'MilestoneCompleted') as completed
                from audit_entry where generation = :g and activity_id = :id""",
                new MapSqlParameterSource("g", g).addValue("id", activityId));
        long scheduled = ((Number) counts.get("scheduled")).longValue();
        long completed = ((Number) counts.get("completed")).longValue();
        return scheduled > 0 && scheduled == completed ? "COMPLETED" : "OPEN";
    }

    private static String[] array(java.util.Collection<String> values) {
        return values.toArray(String[]::new);
    }

    private static String activityIdOf(Object event) {
        if (event instanceof ActivityAddedToPlan e) {
            return e.activityId();
        } else if (event instanceof ActivityRegistered e) {
            return e.activityId();
        } else if (event instanceof MilestoneScheduled e) {
            return e.activityId();
        } else if (event instanceof ActivityAssigned e) {
            return e.activityId();
        } else if (event instanceof DeadlineRescheduled e) {
            return e.activityId();
        } else if (event instanceof ReportSubmitted e) {
            return e.activityId();
        } else if (event instanceof MilestoneCompleted e) {
            return e.activityId();
        } else if (event instanceof ActivityCancelled e) {
            return e.activityId();
        }
        return null;
    }

    private static String planIdOf(Object event, String activityId) {
        if (event instanceof PlanCreated e) {
            return e.planId();
        }
        return activityId == null ? null : ActivityId.planOf(activityId);
    }

    private static LocalDate effectiveOf(Object event) {
        if (event instanceof PlanCreated e) {
            return e.decision() == null ? null : e.decision().date();
        } else if (event instanceof ActivityAssigned e) {
            return e.effectiveOn();
        } else if (event instanceof DeadlineRescheduled e) {
            return e.effectiveOn();
        } else if (event instanceof ActivityCancelled e) {
            return e.effectiveOn();
        }
        return null;
    }

    private static DocumentRef basisOf(Object event) {
        if (event instanceof ActivityAssigned e) {
            return e.basis();
        } else if (event instanceof DeadlineRescheduled e) {
            return e.basis();
        } else if (event instanceof ActivityCancelled e) {
            return e.basis();
        }
        return null;
    }

    private static String reasonOf(Object event) {
        if (event instanceof ActivityAssigned e) {
            return e.reason();
        } else if (event instanceof DeadlineRescheduled e) {
            return e.reason();
        } else if (event instanceof ActivityCancelled e) {
            return e.reason();
        }
        return null;
    }

    private static String text(MetaData meta, String key) {
        Object value = meta.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
