package org.planledger.security;

import java.net.URI;
import jakarta.servlet.http.HttpServletRequest;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * RFC 7807 problem details in the shape both services answer with: {@code type} ends in the error code's slug,
 * {@code code}, and where known the {@code field} and the {@code rule} that was broken.
 */
public final class ProblemDetails {

    private ProblemDetails() {
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
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
}
