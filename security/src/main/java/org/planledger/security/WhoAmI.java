package org.planledger.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Who the service takes the caller to be: the identity every event they cause will carry. */
@RestController
@Tag(name = "Account")
class WhoAmI {

    @GetMapping("/api/me")
    @Operation(summary = "The authenticated user: name, role and agency, as recorded in events")
    Me me(Authentication user) {
        return of(user);
    }

    /** The signed-in page of the login form (the web pages will start from here). */
    @GetMapping(value = "/ui/me", produces = MediaType.TEXT_HTML_VALUE)
    String page(Authentication user) {
        Me me = of(user);
        return """
                <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Plan Ledger</title></head>
                <body><p>Signed in as <b>%s</b> (%s%s).</p>
                <p><a href="/logout">Sign out</a></p></body></html>""".formatted(HtmlUtils.htmlEscape(me.user()),
                me.role(), me.agency().isEmpty() ? "" : ", " + HtmlUtils.htmlEscape(me.agency()));
    }

    static Me of(Authentication user) {
        String role = SecurityLog.roleOf(user);
        String agency = SecurityLog.agencyOf(user);
        return new Me(user.getName(), role, "-".equals(agency) ? "" : agency,
                user instanceof JwtAuthenticationToken ? "oidc" : user instanceof ApiTokenAuthentication ? "token" : "password");
    }

    /**
     * @param via {@code password} (HTTP Basic or the login form), {@code token} (a personal API token) or {@code oidc}
     *            (a bearer JWT)
     */
    record Me(String user, String role, String agency, String via) {
    }
}
