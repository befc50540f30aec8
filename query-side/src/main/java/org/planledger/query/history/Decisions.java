package org.planledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * A plan's amendment decisions, each one entry with its changes, and "as of decision N": the instant through which
 * the ledger had recorded every event of that decision, for the point-in-time views.
 */
@RestController
@Tag(name = "Plans")
public class Decisions {

    public static final String AS_OF_DECISION = "Recorded time: the plan as recorded through the amendment decision "
            + "with this number (every change it made, nothing recorded after it); instead of asOf";

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
                order by recorded_at, decision_number""", params(planId), (rs, n) -> new Decision(
                rs.getString("decision_number"), rs.getObject("decision_date", LocalDate.class),
                rs.getObject("effective_on", LocalDate.class), rs.getString("summary"), read(rs.getString("changes")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getObject("through_recorded_at", OffsetDateTime.class).toInstant()));
    }

    /**
     * {@code asOf} as the point-in-time views read it: the given one, or the instant decision {@code number} was
     * recorded through; both given is a refusal, an unknown decision a 404 naming it.
     */
    public String asOf(String planId, String asOf, String number) {
        if (number == null || number.isEmpty()) {
            return asOf;
        }
        if (number.length() > 200 || !number.matches(TextRules.SINGLE_LINE)) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "asOfDecision", "decision-number",
                    "asOfDecision is a decision number as printed (at most 200 characters, one line)");
        }
        if (asOf != null && !asOf.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "asOfDecision", "asOf-or-asOfDecision",
                    "give asOf or asOfDecision, not both");
        }
        List<OffsetDateTime> through = jdbc.queryForList("""
                select through_recorded_at from history_decision
                where generation = :g and plan_id = :planId and decision_number = :number""",
                params(planId).addValue("number", number), OffsetDateTime.class);
        if (through.isEmpty()) {
            throw new LedgerException(ErrorCode.NOT_FOUND, "asOfDecision", "decision-exists",
                    "plan " + planId + " has no amendment decision " + org.planledger.security.ProblemDetails.clip(number));
        }
        return through.get(0).toInstant().toString();
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
