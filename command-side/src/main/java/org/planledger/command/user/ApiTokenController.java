package org.planledger.command.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.planledger.security.ApiTokenAuthentication;
import org.planledger.security.ApiTokens;
import org.planledger.security.ApiTokens.IssuedToken;
import org.planledger.security.ApiTokens.Token;
import org.planledger.security.SecurityLog;
import org.planledger.security.UserAccounts;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal API tokens ({@code Authorization: Bearer plt_…}, accepted by both services): every user manages their own
 * under {@code /api/me/tokens}; plan admins manage anyone's under {@code /api/admin/users/{username}/tokens}. The
 * secret is in the answer that creates a token and nowhere else. A token cannot create tokens: that takes a password
 * sign-in (or an OIDC token), so a leaked short-lived token cannot be turned into a lasting one.
 */
@RestController
@Tag(name = "API tokens", description = "Bearer tokens for machines and for the console's relayed writes")
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class ApiTokenController {

    private final ApiTokens tokens;
    private final UserAccounts accounts;
    private final SecurityLog log;

    ApiTokenController(ApiTokens tokens, UserAccounts accounts, SecurityLog log) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.log = log;
    }

    @GetMapping("/api/me/tokens")
    @Operation(summary = "Your tokens, newest first (never their secrets)")
    List<Token> mine(Authentication me) {
        return tokens.list(me.getName());
    }

    @PostMapping("/api/me/tokens")
    @Operation(summary = "Create a token for yourself: {label, ttl} (ttl ISO-8601, e.g. P90D; omitted: until revoked). "
            + "The answer's token is shown this once")
    ResponseEntity<IssuedToken> issueMine(@Valid @RequestBody NewToken body, Authentication me) {
        return issue(me, me.getName(), body);
    }

    @PostMapping("/api/me/tokens/{id}/revoke")
    @Operation(summary = "Revoke one of your tokens: it stops working at once")
    Token revokeMine(@PathVariable UUID id, Authentication me) {
        return revoke(me, me.getName(), id);
    }

    @GetMapping("/api/admin/users/{username}/tokens")
    @Operation(summary = "A user's tokens (plan admins)")
    List<Token> ofUser(@PathVariable String username) {
        accounts.get(username);
        return tokens.list(username);
    }

    @PostMapping("/api/admin/users/{username}/tokens")
    @Operation(summary = "Create a token for a user, e.g. a SYSTEM account of an importing machine (plan admins)")
    ResponseEntity<IssuedToken> issueFor(@PathVariable String username, @Valid @RequestBody NewToken body,
            Authentication admin) {
        accounts.get(username);
        return issue(admin, username, body);
    }

    @PostMapping("/api/admin/users/{username}/tokens/{id}/revoke")
    @Operation(summary = "Revoke a user's token (plan admins)")
    Token revokeFor(@PathVariable String username, @PathVariable UUID id, Authentication admin) {
        accounts.get(username);
        return revoke(admin, username, id);
    }

    private ResponseEntity<IssuedToken> issue(Authentication by, String username, NewToken body) {
        if (by instanceof ApiTokenAuthentication) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "Authorization", "password-sign-in",
                    "a token cannot create tokens; sign in with your password to create one");
        }
        IssuedToken issued = tokens.issue(username, body.label(), body.ttl());
        log.accountChanged(by.getName(), "token-issued", username, issued.details().id() + " " + issued.details().label()
                + (issued.details().expiresAt() == null ? "" : " until " + issued.details().expiresAt()));
        String base = by.getName().equals(username) ? "/api/me/tokens/" : "/api/admin/users/" + username + "/tokens/";
        return ResponseEntity.created(URI.create(base + issued.details().id())).body(issued);
    }

    private Token revoke(Authentication by, String username, UUID id) {
        Token revoked = tokens.revoke(username, id);
        log.accountChanged(by.getName(), "token-revoked", username, id.toString());
        return revoked;
    }

    /** @param ttl ISO-8601 duration; null: valid until revoked */
    record NewToken(@NotBlank @Size(max = ApiTokens.MAX_LABEL) String label, Duration ttl) {
    }
}
