package org.planledger.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.planledger.shared.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The security log: refused requests (401, 403, 429), locked logins and changes to accounts, one {@code key=value} line
 * each, through the logger {@code planledger.security} (its own file, see logback-spring.xml; never the event store,
 * which records only accepted changes). Passwords and tokens are never written.
 */
public final class SecurityLog {

    public static final String LOGGER = "planledger.security";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** A request refused because its caller is not (or could not be) authenticated, or is locked out. */
    public void unauthenticated(HttpServletRequest request, int status, String reason) {
        LOG.warn("event=denied status={} user={} role=- agency=- method={} route={} remote={} reason=\"{}\"", status,
                clean(attemptedUser(request)), request.getMethod(), clean(request.getRequestURI()), request.getRemoteAddr(),
                clean(reason));
    }

    /** A request refused because the authenticated user may not do it. */
    public void forbidden(HttpServletRequest request, Authentication user, String reason) {
        LOG.warn("event=denied status=403 user={} role={} agency={} method={} route={} remote={} reason=\"{}\"",
                clean(nameOf(user)), roleOf(user), agencyOf(user), request.getMethod(), clean(request.getRequestURI()),
                request.getRemoteAddr(), clean(reason));
    }

    /** A failed sign-in on the login form (the API's failures are logged as 401s). */
    public void loginFailed(HttpServletRequest request, String username, String reason) {
        LOG.warn("event=login-failed user={} method={} route={} remote={} reason=\"{}\"", clean(username),
                request.getMethod(), clean(request.getRequestURI()), request.getRemoteAddr(), clean(reason));
    }

    /** A user name that has failed too often is now refused until the given time. */
    public void locked(String username, int failures, java.time.Instant until) {
        LOG.warn("event=login-locked user={} failures={} until={} reason=\"too many failed logins\"", clean(username),
                failures, until);
    }

    /** An account was added, disabled, enabled or given a new password. */
    public void accountChanged(String by, String action, String username, String detail) {
        LOG.info("event=account-{} by={} user={} detail=\"{}\"", action, clean(by), clean(username), clean(detail));
    }

    /** The user name a refused request tried: the HTTP Basic name (never the password), "bearer" for a token. */
    static String attemptedUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            String form = request.getParameter("username");
            return form == null ? "-" : form;
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "(unreadable basic credentials)";
            }
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "(bearer token)";
        }
        return "(" + header.split(" ", 2)[0] + " credentials)";
    }

    static String nameOf(Authentication user) {
        return user == null || user instanceof AnonymousAuthenticationToken ? "-" : user.getName();
    }

    static String roleOf(Authentication user) {
        return authority(user, "ROLE_");
    }

    static String agencyOf(Authentication user) {
        return authority(user, Role.AGENCY_AUTHORITY_PREFIX);
    }

    private static String authority(Authentication user, String prefix) {
        if (user == null || user instanceof AnonymousAuthenticationToken) {
            return "-";
        }
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length())).findFirst().orElse("-");
    }

    /** One line per entry whatever a client sends: no line breaks or quotes from outside, bounded length. */
    static String clean(String text) {
        if (text == null) {
            return "-";
        }
        String one = text.replaceAll("[\\r\\n\\t\"]", "_");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
