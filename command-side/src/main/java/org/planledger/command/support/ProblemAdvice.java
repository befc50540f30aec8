package org.planledger.command.support;

import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.planledger.security.ProblemDetails;
import org.planledger.security.contract.ApiProblems;
import org.planledger.shared.api.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The event store's and Axon's refusals as problem+json (everything else: {@link ApiProblems}, which this advice comes
 * before). Nothing of the store's own messages reaches the answer: they hold SQL and the payload.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private static final String UNIQUE_VIOLATION = "23505";

    static ProblemDetail problem(ErrorCode code, String field, String rule, String detail) {
        return ProblemDetails.of(code, field, rule, detail);
    }

    @ExceptionHandler
    ProblemDetail on(AggregateNotFoundException e) {
        String id = String.valueOf(e.getAggregateIdentifier());
        return id.contains("/")
                ? problem(ErrorCode.UNKNOWN_ACTIVITY, "code", "activity-exists", "no activity " + ProblemDetails.clip(id))
                : problem(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + ProblemDetails.clip(id));
    }

    @ExceptionHandler
    ProblemDetail on(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(ErrorCode.VERSION_MISMATCH, "If-Match", "version-current",
                (String.valueOf(e.getAggregateIdentifier()).contains("/") ? "the activity" : "the plan")
                        + " is at version " + e.getActualVersion() + ", not " + e.getExpectedVersion());
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail on(AggregateStreamCreationException e) {
        return duplicate();
    }

    /** Creating a plan whose id is taken: the event store's unique key (aggregate id, sequence 0) refuses it. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(EventStoreException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                ProblemDetail problem = duplicate();
                return ResponseEntity.status(problem.getStatus()).body(problem);
            }
        }
        return ApiProblems.unexpected(e);
    }

    @ExceptionHandler
    ProblemDetail on(ConcurrencyException e) {
        return problem(ErrorCode.CONCURRENT_MODIFICATION, null, "retry",
                "another change was recorded at the same moment; read the current version and retry");
    }

    private static ProblemDetail duplicate() {
        return problem(ErrorCode.DUPLICATE, "planId", "unique", "a plan with this id already exists");
    }
}
