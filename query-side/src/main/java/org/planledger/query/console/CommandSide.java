package org.planledger.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.planledger.security.ApiTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Relays a console form to the command side, server to server, as the signed-in user: with a short-lived personal API
 * token ({@link ApiTokens}, {@code Bearer plt_…}) issued for that user and kept in their session, the version the form
 * was opened at ({@code If-Match}) and the form's {@code Idempotency-Key}; a user signed in through the identity provider
 * writes with the provider's access token instead. The command side checks the token, the role,
 * the agency and every rule as for any API client; the console decides nothing about a write.
 */
@Component
class CommandSide {

    static final String TOKEN = CommandSide.class.getName() + ".token";

    private final RestClient http;
    private final ApiTokens tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration tokenTtl;
    private final ObjectProvider<OAuth2AuthorizedClientManager> providerTokens;

    CommandSide(@Value("${planledger.console.command-url}") String commandUrl,
            @Value("${planledger.console.token-ttl:15m}") Duration tokenTtl, ApiTokens tokens, ObjectMapper json,
            Clock clock, ObjectProvider<OAuth2AuthorizedClientManager> providerTokens) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().baseUrl(commandUrl).requestFactory(requests).build();
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.providerTokens = providerTokens;
    }

    /**
     * The command side's answer to one change.
     *
     * @param version the activity's version after the change (on success)
     * @param errors  the refusal's fields and rules (empty on success)
     */
    record Answer(int status, long version, boolean replayed, String code, String detail, List<FieldError> errors,
            List<RowError> rows) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean stale() {
            return status == 412;
        }
    }

    /** A refused row of a file: its number, activity code, column and rule, and the command side's text. */
    record RowError(int row, String code, String column, String rule, String reason) {
    }

    /** A refused field: its name as the form has it ({@code basis.number}), the rule, the command side's text. */
    record FieldError(String field, String rule, String message) {
    }

    /**
     * Relays one change as the signed-in user: a user signed in through the identity provider ({@link ProviderSignIn})
     * with the provider's access token (refreshed when it has expired), which the command side checks as its OIDC
     * resource server does; a local account with its console token. {@code version}, when given, goes as
     * {@code If-Match}.
     */
    Answer post(HttpServletRequest request, HttpServletResponse response, Authentication user, String path,
            Long version, String idempotencyKey, Map<String, Object> body) {
        return send(request, response, user, path, version, idempotencyKey, MediaType.APPLICATION_JSON, body);
    }

    /** Relays a file with its form's fields as {@code multipart/form-data} (the amendment table, say). */
    Answer postFile(HttpServletRequest request, HttpServletResponse response, Authentication user, String path,
            String idempotencyKey, Map<String, String> fields, String fileName, byte[] file) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        fields.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parts.part(name, value);
            }
        });
        parts.part("file", new ByteArrayResource(file)).filename(fileName == null || fileName.isBlank() ? "file" : fileName);
        return send(request, response, user, path, null, idempotencyKey, MediaType.MULTIPART_FORM_DATA, parts.build());
    }

    private Answer send(HttpServletRequest request, HttpServletResponse response, Authentication user, String path,
            Long version, String idempotencyKey, MediaType type, Object body) {
        HttpSession session = request.getSession();
        boolean provider = user instanceof OAuth2AuthenticationToken;
        try {
            String bearer = provider ? providerToken(request, response, user) : token(session, user.getName());
            Answer answer = http.post().uri(path).contentType(type)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Authorization", "Bearer " + bearer)
                    .headers(h -> {
                        if (version != null) {
                            h.setIfMatch("\"" + version + "\"");
                        }
                    })
                    .header("Idempotency-Key", idempotencyKey)
                    .body(body)
                    .exchange((sent, answered) -> read(answered.getStatusCode(), answered.getBody().readAllBytes(),
                            "true".equals(answered.getHeaders().getFirst("Idempotent-Replayed"))));
            if (answer.status() == 401 && !provider) {
                session.removeAttribute(TOKEN); // revoked or expired early: the next write gets a new one
            }
            return answer;
        } catch (ResourceAccessException e) {
            return new Answer(503, 0, false, "COMMAND_SIDE_UNREACHABLE", e.getMessage(), List.of(), List.of());
        }
    }

    private Answer read(HttpStatusCode status, byte[] body, boolean replayed) throws IOException {
        JsonNode answer = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        if (status.is2xxSuccessful()) {
            return new Answer(status.value(), answer.path("version").asLong(), replayed, null, null, List.of(), List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        List<RowError> rows = new ArrayList<>();
        if (answer.path("errors").isArray()) {
            answer.path("errors").forEach(e -> {
                if (e.has("row")) {
                    rows.add(new RowError(e.path("row").asInt(), e.path("code").asText(""), e.path("column").asText(""),
                            e.path("rule").asText(""), e.path("reason").asText("")));
                } else {
                    errors.add(new FieldError(e.path("field").asText(""), e.path("rule").asText(""),
                            e.path("message").asText("")));
                }
            });
        } else if (answer.hasNonNull("field")) {
            errors.add(new FieldError(answer.path("field").asText(), answer.path("rule").asText(""),
                    answer.path("detail").asText("")));
        }
        return new Answer(status.value(), 0, false, answer.path("code").asText(""), answer.path("detail").asText(""),
                errors, rows);
    }

    /** The provider's access token for the signed-in user, from their session; refreshed once expired. */
    private String providerToken(HttpServletRequest request, HttpServletResponse response, Authentication user) {
        OAuth2AuthorizedClientManager manager = providerTokens.getIfAvailable();
        OAuth2AuthorizedClient client = manager == null ? null : manager.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(ProviderSignIn.REGISTRATION).principal(user)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response).build());
        if (client == null) {
            throw new IllegalStateException("no access token of the identity provider in this session");
        }
        return client.getAccessToken().getTokenValue();
    }

    /**
     * The user's console token: issued on the first write of a session and again when it has less than a minute left
     * (the one it replaces is revoked then). Sign-out revokes it ({@link SignOut}); the session never shows the
     * secret to the browser.
     */
    private String token(HttpSession session, String username) {
        Object held = session.getAttribute(TOKEN);
        Instant now = clock.instant();
        if (held instanceof SessionToken t && t.expiresAt().isAfter(now.plus(Duration.ofMinutes(1)))) {
            return t.secret();
        }
        ApiTokens.IssuedToken issued = tokens.issue(username, "console session", tokenTtl);
        session.setAttribute(TOKEN, new SessionToken(issued.details().id(), issued.token(), issued.details().expiresAt()));
        if (held instanceof SessionToken replaced) {
            tokens.revoke(username, replaced.id());
        }
        return issued.token();
    }

    /**
     * Sign-out: the session's token stops working on the command side at once, not when its lifetime ends. Runs
     * before the session is invalidated (see LedgerSecurity).
     */
    @Component
    static class SignOut implements LogoutHandler {

        private final ApiTokens tokens;

        SignOut(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public void logout(HttpServletRequest request, HttpServletResponse response, Authentication user) {
            HttpSession session = request.getSession(false);
            if (session != null && user != null && session.getAttribute(TOKEN) instanceof SessionToken held) {
                tokens.revoke(user.getName(), held.id());
                session.removeAttribute(TOKEN);
            }
        }
    }

    /** Kept in the server's session only. */
    record SessionToken(UUID id, String secret, Instant expiresAt) implements java.io.Serializable {
        @Override
        public String toString() {
            return "SessionToken[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }
}
