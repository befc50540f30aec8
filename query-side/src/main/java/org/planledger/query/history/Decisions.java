package org.planledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.security.contract.TextRules;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plan's amendment decisions, each one entry with its changes, and the instants the views read a decision as: "as
 * of decision N" (plan, activity, workload, notices, inspection report; the baseline's {@code toDecision}) is the
 * instant through which the ledger had recorded every event of that decision, "from decision N" (the baseline's
 * {@code fromDecision}) the instant just before its first event, the {@code AmendmentDecided} itself. Instants are
 * stored to the microsecond (PostgreSQL's), so "just before" is one microsecond earlier.
 */
@RestController
@Tag(name = "Plans")
public class Decisions {

    public static final String AS_OF_DECISION = "Recorded time: as recorded through the amendment decision with this "
            + "number (every change it made, nothing recorded after it); instead of asOf";
    public static final String FROM_DECISION = "Recorded time: from just before the amendment decision with this "
            + "number (so its own changes count); instead of from";
    public static final String TO_DECISION = "Recorded time: up to and including the last change of the amendment "
            + "decision with this number; instead of to";

    private final NamedParameterJdbcTemplate jdbc;
    private final ProjectionGenerations generations;
    private final ObjectMapper json;

    Decisions(NamedParameterJdbcTemplate jdbc, ProjectionGenerations generations, ObjectMapper json) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.json = json;
    }

    @GetMapping("/api/plans/{planId}/decisions")
    @Operation(summary = "The plan's amendment decisions in recorded order, each with the changes it made")
    public List<Decision> decisions(@PathVariable String planId) {
        return jdbc.query("""
                select * from history_decision where generation = :g and plan_id = :planId
                order by recorded_at, decision_number""", params(planId), (rs, n) -> decision(rs));
    }

    private Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getString("decision_number"), rs.getObject("decision_date", LocalDate.class),
                rs.getObject("effective_on", LocalDate.class), rs.getString("summary"), read(rs.getString("changes")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getObject("through_recorded_at", OffsetDateTime.class).toInstant());
    }

    /**
     * {@code asOf} as the point-in-time views read it: the given one, or the instant decision {@code number} was
     * recorded through; both given is a refusal, an unknown decision a 404 naming it.
     */
    public String asOf(String planId, String asOf, String number) {
        Instant through = through(planId, "asOf", asOf, "asOfDecision", number);
        return through == null ? asOf : through.toString();
    }

    /**
     * The instant decision {@code number} (given in parameter {@code field}, instead of {@code instantField}) was
     * recorded through: its last event; null when no decision is given.
     */
    public Instant through(String planId, String instantField, String instant, String field, String number) {
        Recorded recorded = find(planId, instantField, instant, field, number);
        return recorded == null ? null : recorded.through();
    }

    /**
     * The instant just before decision {@code number} (given in parameter {@code field}, instead of
     * {@code instantField}) was recorded: a view from it counts every change the decision made. Null when no
     * decision is given.
     */
    public Instant before(String planId, String instantField, String instant, String field, String number) {
        Recorded recorded = find(planId, instantField, instant, field, number);
        return recorded == null ? null : recorded.at().minus(1, ChronoUnit.MICROS);
    }

    /** The decisions of the plan recorded up to {@code cutOff}, in recorded order. */
    public List<Decision> recordedBy(String planId, Instant cutOff) {
        return jdbc.query("""
                select * from history_decision where generation = :g and plan_id = :planId and recorded_at <= :t
                order by recorded_at, decision_number""",
                params(planId).addValue("t", cutOff.atOffset(ZoneOffset.UTC)), (rs, n) -> decision(rs));
    }

    /** Where a decision's events lie in recorded time: its first (the decision itself) and its last. */
    private record Recorded(Instant at, Instant through) {
    }

    private Recorded find(String planId, String instantField, String instant, String field, String number) {
        if (number == null || number.isEmpty()) {
            return null;
        }
        if (number.length() > 200 || !number.matches(TextRules.SINGLE_LINE)) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "decision-number",
                    field + " is a decision number as printed (at most 200 characters, one line)");
        }
        if (instant != null && !instant.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, instantField + "-or-" + field,
                    "give " + instantField + " or " + field + ", not both");
        }
        List<Recorded> found = jdbc.query("""
                select recorded_at, through_recorded_at from history_decision
                where generation = :g and plan_id = :planId and decision_number = :number""",
                params(planId).addValue("number", number), (rs, n) -> new Recorded(
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("through_recorded_at", OffsetDateTime.class).toInstant()));
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.NOT_FOUND, field, "decision-exists",
                    "plan " + planId + " has no amendment decision " + org.planledger.security.ProblemDetails.clip(number));
        }
        return found.get(0);
    }

    private MapSqlParameterSource params(String planId) {
        return new MapSqlParameterSource("g", generations.live(PlanHistoryProjection.PROCESSING_GROUP))
                .addValue("planId", planId);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One decision: number, date, in force from, summary, its changes as decided, when recorded (and through when). */
    public record Decision(String number, LocalDate date, LocalDate effectiveOn, String summary, JsonNode changes,
            Instant recordedAt, Instant recordedThrough) {
    }
}
