package org.planledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionSystemException;

/**
 * RFC 7807 problem details in the shape both services answer with: {@code type} ends in the error code's slug,
 * {@code code}, and where known the {@code field} and the {@code rule} that was broken.
 */
public final class ProblemDetails {

    /** Echoed input and every detail are cut to this many characters. */
    public static final int MAX_ECHO = 200;
    /** What a client should wait before retrying when the database cannot be reached. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ProblemDetails() {
    }

    /** Text from the request as it may appear in an answer: at most {@link #MAX_ECHO} characters, no control characters. */
    public static String clip(Object input) {
        String text = String.valueOf(input).replaceAll("[\\x00-\\x1F\\x7F-\\x9F]", "?");
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }

    /**
     * The answer to a refusal; one for lack of rights (e.g. an officer outside their agency's activities) also goes to
     * the security log.
     */
    public static ProblemDetail of(LedgerException e, HttpServletRequest request, SecurityLog log) {
        if (e.code() == ErrorCode.FORBIDDEN) {
            log.forbidden(request, SecurityContextHolder.getContext().getAuthentication(), e.rule() + ": " + e.getMessage());
        }
        return of(e.code(), e.field(), e.rule(), e.getMessage());
    }

    public static ProblemDetail of(ErrorCode code, String field, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()),
                detail == null ? null : detail.length() <= 3 * MAX_ECHO ? detail : detail.substring(0, 3 * MAX_ECHO) + "…");
        problem.setType(URI.create("/problems/" + code.slug()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        if (field != null) {
            problem.setProperty("field", field);
        }
        if (rule != null) {
            problem.setProperty("rule", rule);
        }
        return problem;
    }

    /** A problem+json answer written straight to the response: for filters, the firewall and error pages. */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * What escaped every handler: 503 with {@code Retry-After} when the cause is that the database cannot be reached
     * (nothing was recorded then), else a 500 that names nothing of the inside.
     */
    public static ProblemDetail unexpected(Throwable e) {
        if (databaseUnreachable(e)) {
            ProblemDetail problem = of(ErrorCode.SERVICE_UNAVAILABLE, "database", "database-reachable",
                    "the ledger's database cannot be reached right now; nothing was recorded; retry in "
                            + RETRY_AFTER_SECONDS + " s");
            problem.setProperty("retryAfter", RETRY_AFTER_SECONDS);
            return problem;
        }
        return of(ErrorCode.INTERNAL_ERROR, "service", "internal", "the service failed to answer; the fault is logged");
    }

    /** Whether a failure comes from losing the database (no connection, connection broken, server shutting down). */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    public static boolean databaseUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // HikariCP closes a connection it saw break; rolling back on it then fails with this, and the failure
            // that caused the rollback (the connection's) is kept apart as the application exception
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && databaseUnreachable(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
