package org.planledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planledger.query.support.BatchWrites;
import org.planledger.query.support.EffectiveDate;
import org.planledger.query.support.FoldStates;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.Storable;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerEvent;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.eventstore.EventCatalogue;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.Changes;
import org.planledger.shared.fold.EventFacts;
import org.planledger.shared.fold.FieldChange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail ({@code audit_entry}): one entry per event, with who (from the metadata, never from the payload),
 * when recorded, from when in force, why, on what basis, under which request, and the change field by field as the
 * difference between the activity's states before and after the event (the one fold, {@link Changes}). Entries of a
 * batch are written together when it commits; keyed by event id per generation, so a redelivery changes nothing.
 * Text PostgreSQL cannot hold is written as U+FFFD and the entry says so ({@code altered_for_storage}).
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit_entry";

    private final NamedParameterJdbcTemplate jdbc;
    private final javax.sql.DataSource dataSource;
    private final Storable storable;
    private final ProjectionGenerations generations;
    private final FoldStates states;
    private final ZoneId zone;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    AuditProjection(NamedParameterJdbcTemplate jdbc, javax.sql.DataSource dataSource, ObjectMapper json, Storable storable,
            ProjectionGenerations generations, @Value("${planledger.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.storable = storable;
        this.generations = generations;
        this.zone = zone;
        this.states = new FoldStates("audit_fold_state", jdbc, json);
        generations.register(PROCESSING_GROUP, List.of("audit_entry", "audit_fold_state"));
    }

    @EventHandler
    void on(PlanEvent event, DomainEventMessage<?> message) {
        entries().add(entry(generations.buildingInBatch(PROCESSING_GROUP), event, message, event.planId(),
                event.accept(ACTIVITY_NAMED), Changes.of(event), List.of(), List.of()));
    }

    /** The activity a plan event is about, if any: its addition to the plan opens the activity's own history. */
    private static final PlanEvent.Visitor<String> ACTIVITY_NAMED = new PlanEvent.Visitor<>() {
        @Override
        public String on(PlanCreated e) {
            return null;
        }

        @Override
        public String on(ActivityAddedToPlan e) {
            return e.activityId();
        }

        @Override
        public String on(AmendmentDecided e) {
            return null;
        }
    };

    @EventHandler
    void on(ActivityEvent event, DomainEventMessage<?> message) {
        int g = generations.buildingInBatch(PROCESSING_GROUP);
        FoldStates.Step step = states.apply(g, event, message, null);
        if (step == null) {
            return;
        }
        ActivityState before = step.before();
        ActivityState after = step.after();
        Set<String> named = new LinkedHashSet<>(before == null ? List.of() : before.namedParticipantIds());
        named.addAll(after.namedParticipantIds());
        after.reports().stream().skip(before == null ? 0 : before.reports().size())
                .forEach(r -> named.add(r.agency().id()));
        after.notices().stream().skip(before == null ? 0 : before.notices().size())
                .forEach(n -> named.add(n.agency().id()));
        entries().add(entry(g, event, message, after.planId(), after.activityId(), Changes.between(before, after),
                named, after.namedParticipantIds()));
    }

    /** A replay writes a new generation; queries keep reading the live one until the replay has caught up. */
    @ResetHandler
    void reset() {
        generations.startRebuild(PROCESSING_GROUP);
    }

    private MapSqlParameterSource entry(int g, LedgerEvent event, DomainEventMessage<?> message, String planId,
            String activityId, List<FieldChange> changes, Collection<String> named, List<String> participants) {
        MetaData meta = message.getMetaData();
        EventFacts facts = EventFacts.of(event);
        String actorAgency = text(meta, LedgerMetaData.ACTOR_AGENCY);
        Set<String> agencies = new LinkedHashSet<>();
        if (actorAgency != null) {
            agencies.add(actorAgency);
        }
        agencies.addAll(named);
        for (String id : List.copyOf(agencies)) {
            if (directory.find(id).filter(a -> a.id().equals(id)).isPresent()) {
                agencies.addAll(directory.memberIdsOf(id));
            }
        }
        DocumentRef basis = facts.basis();
        boolean basisInPayload = basis != null && basis.isPresent();
        String reason = facts.reason() != null ? facts.reason() : text(meta, LedgerMetaData.REASON);
        boolean faithful = storable.faithful(event) && meta.values().stream()
                .allMatch(v -> !(v instanceof String s) || Storable.faithful(s));
        return Storable.parameters()
                .addValue("g", g).addValue("eventId", message.getIdentifier())
                .addValue("fallbackPosition", message instanceof TrackedEventMessage<?> tracked
                        && tracked.trackingToken() != null
                        ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null)
                .addValue("planId", planId).addValue("activityId", activityId)
                .addValue("code", activityId == null ? null : ActivityId.codeOf(activityId))
                .addValue("sequence", message.getSequenceNumber())
                .addValue("type", EventCatalogue.nameOf(event.getClass()).orElseThrow(() ->
                        new IllegalStateException("event type not in the catalogue: " + event.getClass().getSimpleName())))
                .addValue("actorUser", text(meta, LedgerMetaData.ACTOR_USER))
                .addValue("actorAgency", actorAgency)
                .addValue("actorRole", text(meta, LedgerMetaData.ACTOR_ROLE))
                .addValue("at", message.getTimestamp().atOffset(ZoneOffset.UTC))
                .addValue("effective", EffectiveDate.of(facts.effectiveOn(), meta, message.getTimestamp(), zone))
                .addValue("reason", reason)
                .addValue("basisNumber", basisInPayload ? basis.number() : text(meta, LedgerMetaData.BASIS_NUMBER))
                .addValue("basisDate", basisInPayload ? basis.date() : date(text(meta, LedgerMetaData.BASIS_DATE)))
                .addValue("requestId", text(meta, LedgerMetaData.REQUEST_ID))
                .addValue("correlationId", text(meta, LedgerMetaData.CORRELATION_ID))
                .addValue("changes", storable.json(changes))
                .addValue("payload", storable.json(event))
                .addValue("agencies", agencies.toArray(String[]::new))
                .addValue("participants", participants.toArray(String[]::new))
                .addValue("altered", !faithful);
    }

    private List<MapSqlParameterSource> entries() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource("audit-entries", key -> {
            List<MapSqlParameterSource> entries = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> write(entries));
            return entries;
        });
    }

    /**
     * Writes the batch's entries in the order their events were handled, each with its event's own global index
     * (a tracking token's position is the highest index seen so far: for an event that fills a gap left by a slower
     * writer it is the index of a later event).
     */
    private void write(List<MapSqlParameterSource> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        jdbc.query("select event_identifier, global_index from " + EventStoreSchema.EVENT_TABLE
                        + " where event_identifier in (:ids)",
                new MapSqlParameterSource("ids", entries.stream().map(e -> e.getValue("eventId")).toList()),
                rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                });
        for (MapSqlParameterSource entry : entries) {
            entry.addValue("position", positions.getOrDefault((String) entry.getValue("eventId"),
                    (Long) entry.getValue("fallbackPosition")));
        }
        BatchWrites.write(dataSource, entries, () -> jdbc.batchUpdate(INSERT, entries.toArray(MapSqlParameterSource[]::new)),
                entry -> jdbc.update(INSERT, entry), entry -> (String) entry.getValue("eventId"));
        entries.clear();
    }

    private static final String INSERT = """
                insert into audit_entry (generation, global_position, event_id, plan_id, activity_id, code,
                                         aggregate_sequence, event_type, actor_user, actor_agency, actor_role,
                                         recorded_at, effective_on, reason, basis_number, basis_date, request_id,
                                         correlation_id, changes, payload, agencies, participants, altered_for_storage)
                values (:g, :position, :eventId, :planId, :activityId, :code, :sequence, :type, :actorUser,
                        :actorAgency, :actorRole, :at, :effective, :reason, :basisNumber, :basisDate, :requestId,
                        :correlationId, cast(:changes as jsonb), cast(:payload as jsonb), :agencies, :participants,
                        :altered)
                on conflict (generation, event_id) do nothing""";

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
}
