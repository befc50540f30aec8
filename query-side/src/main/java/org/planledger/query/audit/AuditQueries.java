package org.planledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.TimeParameters;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.eventstore.EventCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, from the read model {@link AuditProjection} keeps. Pages are ordered oldest first and continue
 * from an opaque cursor: an entry recorded while a client pages through appears on a later page, never twice and
 * never skipped. A cursor given out before a rebuild of the audit trail continues from the same global position.
 */
@RestController
@Tag(name = "Audit", description = "Who changed what, when, why and on what basis")
public class AuditQueries {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionGenerations generations;
    private final ZoneId zone;

    AuditQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ProjectionGenerations generations,
            @Value("${planledger.zone}") ZoneId zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.generations = generations;
        this.zone = zone;
    }

    @GetMapping("/api/plans/{planId}/activities/{code}/history")
    @Operation(summary = "Every change to one activity, oldest first, with actor, basis and before → after")
    public AuditPage history(@PathVariable String planId, @PathVariable String code,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "entries per page, 1 to 1000 (default 100)") @RequestParam(required = false) Integer limit) {
        Filter filter = new Filter();
        filter.where("activity_id = :activityId", "activityId", ActivityId.of(planId, code));
        AuditPage page = page(filter, cursor, limit);
        if (page.entries().isEmpty() && cursor == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_ACTIVITY, "code", "activity-exists",
                    "the audit trail has no activity " + code + " in plan " + planId);
        }
        return page;
    }

    @GetMapping("/api/audit")
    @Operation(summary = "The audit trail, oldest first, filtered by plan, agency, actor, event type and recorded time")
    public AuditPage audit(
            @Parameter(description = "plan id") @RequestParam(required = false) String planId,
            @Parameter(description = "agency id: entries made by its officers, naming it, or on activities it leads "
                    + "or coordinates at the time (directly or through a group)") @RequestParam(required = false) String agency,
            @Parameter(description = "user name of the actor") @RequestParam(required = false) String actor,
            @Parameter(description = "event type, e.g. DeadlineRescheduled") @RequestParam(required = false) String type,
            @Parameter(description = "recorded at or after (ISO instant, or a date: its start in the ledger's zone)")
            @RequestParam(required = false) String from,
            @Parameter(description = "recorded at or before (ISO instant, or a date: its end in the ledger's zone)")
            @RequestParam(required = false) String to,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "entries per page, 1 to 1000 (default 100)") @RequestParam(required = false) Integer limit) {
        Filter filter = new Filter();
        storable("planId", planId);
        storable("agency", agency);
        storable("actor", actor);
        if (present(planId)) {
            filter.where("plan_id = :planId", "planId", planId);
        }
        if (present(agency)) {
            filter.where("agencies @> array[cast(:agency as text)]", "agency", agency);
        }
        if (present(actor)) {
            filter.where("actor_user = :actor", "actor", actor);
        }
        if (present(type)) {
            if (!EventCatalogue.names().contains(type)) {
                throw new LedgerException(ErrorCode.INVALID_FIELD, "type", "event-type",
                        "type must be one of " + EventCatalogue.names() + ", not " + type);
            }
            filter.where("event_type = :type", "type", type);
        }
        Instant after = TimeParameters.instant("from", from, zone, TimeParameters.DayEdge.START);
        Instant before = TimeParameters.instant("to", to, zone, TimeParameters.DayEdge.END);
        if (after != null) {
            filter.where("recorded_at >= :from", "from", after.atOffset(ZoneOffset.UTC));
        }
        if (before != null) {
            filter.where("recorded_at <= :to", "to", before.atOffset(ZoneOffset.UTC));
        }
        if (after != null && before != null && after.isAfter(before)) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "from", "from-not-after-to", "from is after to");
        }
        return page(filter, cursor, limit);
    }

    /** PostgreSQL text holds no U+0000, so no entry can name such a value: refused, never sent to the database. */
    private static void storable(String field, String value) {
        if (value != null && value.indexOf(0) >= 0) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "no-nul", field + " cannot contain U+0000");
        }
    }

    @GetMapping("/api/plans/{planId}/changes-without-basis")
    @Operation(summary = "Reschedules and reassignments of the plan that cite no legal document, oldest first")
    public List<AuditEntry> changesWithoutBasis(@PathVariable String planId) {
        MapSqlParameterSource params = new MapSqlParameterSource("g", generations.live(AuditProjection.PROCESSING_GROUP))
                .addValue("planId", planId);
        return jdbc.query("""
                select * from audit_entry
                where generation = :g and plan_id = :planId
                  and (basis_number is null or basis_number = '')
                  and (event_type = 'DeadlineRescheduled'
                       or (event_type = 'ActivityAssigned' and coalesce(payload -> 'previousLead', 'null') <> 'null'))
                order by seq""", params, (rs, i) -> entry(rs));
    }

    private AuditPage page(Filter filter, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "limit", "between-1-and-1000",
                    "limit must be between 1 and " + MAX_LIMIT + ", not " + size);
        }
        int live = generations.live(AuditProjection.PROCESSING_GROUP);
        filter.params.addValue("g", live).addValue("limit", size + 1);
        if (cursor != null && !cursor.isBlank()) {
            Cursor from = Cursor.parse(cursor);
            if (from.generation() == live) {
                filter.where("seq > :afterSeq", "afterSeq", from.seq());
            } else {
                filter.where("global_position > :afterPosition", "afterPosition", from.position());
            }
        }
        List<Row> rows = jdbc.query("select * from audit_entry where generation = :g" + filter.sql
                + " order by seq limit :limit", filter.params, (rs, i) -> new Row(rs.getLong("seq"),
                        rs.getLong("global_position"), entry(rs)));
        boolean more = rows.size() > size;
        List<Row> shown = more ? rows.subList(0, size) : rows;
        String next = shown.isEmpty() ? (cursor == null || cursor.isBlank() ? null : cursor)
                : new Cursor(live, shown.get(shown.size() - 1).seq(), shown.get(shown.size() - 1).position()).toString();
        return new AuditPage(shown.stream().map(Row::entry).toList(), next, more);
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : read(rs.getString("changes"))) {
            String before = c.path("before").isNull() || c.path("before").isMissingNode() ? null : c.get("before").asText();
            String after = c.path("after").isNull() || c.path("after").isMissingNode() ? null : c.get("after").asText();
            changes.add(new Change(c.get("field").asText(), before, after,
                    new org.planledger.shared.fold.FieldChange(c.get("field").asText(), before, after).text()));
        }
        String basisNumber = rs.getString("basis_number");
        Long position = (Long) rs.getObject("global_position");
        Long version = (Long) rs.getObject("aggregate_sequence");
        return new AuditEntry(position, rs.getString("event_id"), rs.getString("plan_id"), rs.getString("code"),
                version, rs.getString("event_type"),
                new Actor(rs.getString("actor_user"), rs.getString("actor_agency"), rs.getString("actor_role")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getObject("effective_on", LocalDate.class), rs.getString("reason"),
                basisNumber == null ? null : new Basis(basisNumber, rs.getObject("basis_date", LocalDate.class)),
                rs.getString("request_id"), rs.getString("correlation_id"), changes, read(rs.getString("payload")),
                rs.getBoolean("altered_for_storage"));
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable json in audit trail: " + value, e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static final class Filter {
        private final StringBuilder sql = new StringBuilder();
        private final MapSqlParameterSource params = new MapSqlParameterSource();

        void where(String condition, String name, Object value) {
            sql.append(" and ").append(condition);
            params.addValue(name, value);
        }
    }

    private record Row(long seq, long position, AuditEntry entry) {
    }

    /** Where a page ended: the generation of the audit trail, the entry's place in it and its global position. */
    public record Cursor(int generation, long seq, long position) {

        static Cursor parse(String text) {
            String[] parts = text.trim().split("\\.");
            try {
                if (parts.length == 3) {
                    return new Cursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            throw new LedgerException(ErrorCode.INVALID_FIELD, "cursor", "cursor-from-previous-page",
                    "cursor must be the nextCursor of a previous page, not " + text);
        }

        @Override
        public String toString() {
            return generation + "." + seq + "." + position;
        }
    }

    /**
     * @param nextCursor where the next page starts (also when this page is the last: ask again later for entries
     *                   recorded since)
     * @param more       whether more entries follow right now
     */
    public record AuditPage(List<AuditEntry> entries, String nextCursor, boolean more) {
    }

    /**
     * @param position the event's global position in the ledger
     * @param version  the activity's (or plan's) version after the event
     * @param payload  the event as recorded
     */
    public record AuditEntry(Long position, String eventId, String planId, String code, Long version, String type,
            Actor actor, Instant recordedAt, LocalDate effectiveOn, String reason,
            @JsonInclude(JsonInclude.Include.ALWAYS) Basis basis, String requestId, String correlationId,
            List<Change> changes, JsonNode payload,
            @Schema(description = "true when some text of the event could not be stored as recorded (U+0000 or a "
                    + "lone surrogate, shown as U+FFFD); the event store keeps the original")
            boolean alteredForStorage) {
    }

    public record Actor(String user, String agency, String role) {
    }

    public record Basis(String number, LocalDate date) {
    }

    /** {@code text} reads e.g. {@code milestones.m2.due: 2024-09-30 → 2024-12-31}. */
    public record Change(String field, String before, String after, String text) {
    }
}
