package org.planledger.command.user;

import static org.planledger.security.contract.TextRules.NO_CONTROL;
import static org.planledger.security.contract.TextRules.SINGLE_LINE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.planledger.security.SecurityLog;
import org.planledger.security.UserAccounts.Account;
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
 * Accounts of both services (plan admins only). Every change goes to the security log with the admin who made it.
 * Accounts are never deleted, only disabled, so that the names in the audit trail stay meaningful.
 */
@RestController
@RequestMapping(path = "/api/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Users, their roles and agencies (plan admins)")
class UserAdminController {

    private final UserAccounts accounts;
    private final SecurityLog log;

    UserAdminController(UserAccounts accounts, SecurityLog log) {
        this.accounts = accounts;
        this.log = log;
    }

    @GetMapping
    @Operation(summary = "Every account (without password hashes)")
    List<Account> list() {
        return accounts.list();
    }

    @GetMapping("/{username}")
    @Operation(summary = "One account")
    Account get(@PathVariable String username) {
        return accounts.get(username);
    }

    @PostMapping
    @Operation(summary = "Add an account: role PLAN_ADMIN, AGENCY_OFFICER (with agency), INSPECTOR or SYSTEM")
    ResponseEntity<Account> add(@Valid @RequestBody NewAccount body, Authentication admin) {
        Account added = accounts.add(body.username(), body.role(), body.agency(), checked(body.password()));
        log.accountChanged(admin.getName(), "added", added.username(),
                added.role() + (added.agencyId() == null ? "" : " " + added.agencyId()));
        return ResponseEntity.created(URI.create("/api/admin/users/" + added.username())).body(added);
    }

    @PostMapping("/{username}/disable")
    @Operation(summary = "Disable an account: it can no longer sign in (the last enabled plan admin cannot be disabled here)")
    Account disable(@PathVariable String username, Authentication admin) {
        if (accounts.isLastEnabledAdmin(username)) {
            throw LedgerException.rule("username", "keep-one-admin",
                    username + " is the last enabled plan admin; add or enable another first");
        }
        Account disabled = accounts.disable(username);
        log.accountChanged(admin.getName(), "disabled", username, "");
        return disabled;
    }

    @PostMapping("/{username}/enable")
    @Operation(summary = "Enable a disabled account")
    Account enable(@PathVariable String username, Authentication admin) {
        Account enabled = accounts.enable(username);
        log.accountChanged(admin.getName(), "enabled", username, "");
        return enabled;
    }

    @PostMapping("/{username}/password")
    @Operation(summary = "Set a new password (at least 10 characters, not a default one)")
    Account password(@PathVariable String username, @Valid @RequestBody NewPassword body, Authentication admin) {
        Account changed = accounts.changePassword(username, checked(body.password()));
        log.accountChanged(admin.getName(), "password-changed", username, "");
        return changed;
    }

    /** bcrypt reads at most 72 bytes of a password: a longer one would be cut without a word, so it is refused. */
    static final int PASSWORD_MAX_BYTES = 72;

    private static String checked(String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "password", "max-bytes:" + PASSWORD_MAX_BYTES,
                    "a password may have at most " + PASSWORD_MAX_BYTES + " bytes in UTF-8");
        }
        return password;
    }

    record NewAccount(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}", message = "2 to 64 lowercase letters, digits, '.', '_' or '-'") String username,
            @NotNull @Size(max = 32) String role,
            @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String agency,
            @NotBlank @Size(max = PASSWORD_MAX_BYTES) String password) {
    }

    record NewPassword(@NotBlank @Size(max = PASSWORD_MAX_BYTES) String password) {
    }
}
