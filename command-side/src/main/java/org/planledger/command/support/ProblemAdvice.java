package org.planledger.command.support;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.planledger.security.SecurityLog;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps refusals to RFC 7807 problem+json: {@code type} ends in the error code, {@code field} and {@code rule} name
 * what was wrong, {@code errors} lists every field when several are.
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final String UNIQUE_VIOLATION = "23505";

    static ProblemDetail problem(ErrorCode code, String field, String rule, String detail) {
        return ProblemDetails.of(code, field, rule, detail);
    }

    private final SecurityLog securityLog;

    ProblemAdvice(SecurityLog securityLog) {
        this.securityLog = securityLog;
    }

    /** A refusal (one for lack of rights also goes to the security log). */
    @ExceptionHandler
    ProblemDetail on(LedgerException e, HttpServletRequest request) {
        return ProblemDetails.of(e, request, securityLog);
    }

    @ExceptionHandler
    ProblemDetail on(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "rule", String.valueOf(f.getCode()),
                        "message", String.valueOf(f.getDefaultMessage())))
                .collect(Collectors.toList());
        Map<String, String> first = errors.isEmpty() ? Map.of("field", "", "rule", "", "message", "invalid request") : errors.get(0);
        ProblemDetail problem = problem(ErrorCode.INVALID_FIELD, first.get("field"), first.get("rule"),
                errors.stream().map(f -> f.get("field") + ": " + f.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String rule = mapping instanceof InvalidFormatException invalid
                    ? "type:" + invalid.getTargetType().getSimpleName() : "well-formed";
            return problem(ErrorCode.MALFORMED_REQUEST, field, rule,
                    "field " + field + " cannot be read: " + mapping.getOriginalMessage());
        }
        return problem(ErrorCode.MALFORMED_REQUEST, "body", "json", "the request body is not well-formed JSON");
    }

    @ExceptionHandler
    ProblemDetail on(MethodArgumentTypeMismatchException e) {
        return problem(ErrorCode.MALFORMED_REQUEST, e.getName(), "type", e.getName() + " has the wrong type");
    }

    @ExceptionHandler
    ProblemDetail on(MissingRequestHeaderException e) {
        return problem(ErrorCode.MALFORMED_REQUEST, e.getHeaderName(), "required", "header " + e.getHeaderName() + " is required");
    }

    @ExceptionHandler
    ProblemDetail on(AggregateNotFoundException e) {
        String id = String.valueOf(e.getAggregateIdentifier());
        return id != null && id.contains("/")
                ? problem(ErrorCode.UNKNOWN_ACTIVITY, "code", "activity-exists", "no activity " + id)
                : problem(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + id);
    }

    @ExceptionHandler
    ProblemDetail on(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(ErrorCode.VERSION_MISMATCH, "If-Match", "version-current",
                "the activity is at version " + e.getActualVersion() + ", not " + e.getExpectedVersion());
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(AggregateStreamCreationException e) {
        return problem(ErrorCode.DUPLICATE, null, "unique", "it already exists: " + e.getMessage());
    }

    /** Creating a plan whose id is taken: the event store's unique key (aggregate id, sequence 0) refuses it. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(EventStoreException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                ProblemDetail problem = problem(ErrorCode.DUPLICATE, null, "unique", "it already exists: " + e.getMessage());
                return ResponseEntity.status(problem.getStatus()).body(problem);
            }
        }
        throw e;
    }

    @ExceptionHandler
    ProblemDetail on(ConcurrencyException e) {
        return problem(ErrorCode.CONCURRENT_MODIFICATION, null, "retry",
                "another change was recorded at the same moment; read the current version and retry");
    }
}
