package org.planledger.query.support;

import jakarta.servlet.http.HttpServletRequest;
import org.planledger.security.SecurityLog;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 7807 problem+json for the query side, with the error vocabulary shared with the command side. */
@RestControllerAdvice
public class Problems {

    public static ProblemDetail problem(ErrorCode code, String field, String rule, String detail) {
        return ProblemDetails.of(code, field, rule, detail);
    }

    private final SecurityLog securityLog;

    Problems(SecurityLog securityLog) {
        this.securityLog = securityLog;
    }

    /** A refusal (one for lack of rights also goes to the security log). */
    @ExceptionHandler
    ProblemDetail on(LedgerException e, HttpServletRequest request) {
        return ProblemDetails.of(e, request, securityLog);
    }

    @ExceptionHandler
    ProblemDetail on(MethodArgumentTypeMismatchException e) {
        return problem(ErrorCode.MALFORMED_REQUEST, e.getName(), "type", e.getName() + " has the wrong type: " + e.getValue());
    }
}
