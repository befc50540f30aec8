package org.planledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.planledger.shared.api.ErrorCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Refusals by the security filters as RFC 7807 problem+json, each written to the {@link SecurityLog}:
 * 401 {@code UNAUTHENTICATED} (no, bad or disabled credentials; the answer does not say which, the log does),
 * 429 {@code TOO_MANY_FAILED_LOGINS} with {@code Retry-After} (the user name is locked), 403 {@code FORBIDDEN}; 503
 * with {@code Retry-After} when the credentials could not be checked because the database cannot be reached.
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final SecurityLog log;
    private final boolean bearer;
    private final Clock clock;

    public SecurityProblems(ObjectMapper json, SecurityLog log, boolean bearer, Clock clock) {
        this.json = json;
        this.log = log;
        this.bearer = bearer;
        this.clock = clock;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (ProblemDetails.databaseUnreachable(e)) {
            // the account could not be read: nothing says the credentials are bad, the database is out of reach
            response.setHeader("Retry-After", String.valueOf(ProblemDetails.RETRY_AFTER_SECONDS));
            write(response, ProblemDetails.unexpected(e));
            return;
        }
        if (e instanceof LoginLockedException locked) {
            long seconds = Math.max(1, Duration.between(clock.instant(), locked.until()).toSeconds());
            response.setHeader("Retry-After", String.valueOf(seconds));
            log.unauthenticated(request, ErrorCode.TOO_MANY_FAILED_LOGINS.status(), "locked after too many failed logins");
            write(response, ProblemDetails.of(ErrorCode.TOO_MANY_FAILED_LOGINS, "username", "not-locked",
                    "too many failed logins for this user name; try again in " + seconds + " s"));
            return;
        }
        response.addHeader("WWW-Authenticate", "Basic realm=\"planledger\"");
        if (bearer) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"planledger\"");
        }
        log.unauthenticated(request, ErrorCode.UNAUTHENTICATED.status(), reason(e));
        write(response, ProblemDetails.of(ErrorCode.UNAUTHENTICATED, "Authorization", "valid-credentials", bearer
                ? "valid credentials are required (HTTP Basic or a bearer token)"
                : "valid credentials are required (HTTP Basic)"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        var user = SecurityContextHolder.getContext().getAuthentication();
        String detail = "role " + SecurityLog.roleOf(user) + " may not " + request.getMethod() + " " + request.getRequestURI();
        log.forbidden(request, user, detail);
        write(response, ProblemDetails.of(ErrorCode.FORBIDDEN, "role", "role-allowed", detail));
    }

    static String reason(AuthenticationException e) {
        if (e instanceof InsufficientAuthenticationException) {
            return "no credentials";
        }
        if (e instanceof BadCredentialsException) {
            return "bad credentials";
        }
        if (e instanceof DisabledException) {
            return "account disabled";
        }
        if (e instanceof OAuth2AuthenticationException oauth) {
            return "invalid bearer token: " + (oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription() : oauth.getError().getErrorCode());
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static ProblemDetail problem(ErrorCode code, String detail) {
        return ProblemDetails.of(code, null, null, detail);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        ProblemDetails.write(response, json, problem);
    }
}
