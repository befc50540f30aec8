package org.planledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class VerifiedCredentialsTest {

    private final Map<String, VerifiedCredentials.AccountState> accounts = new HashMap<>();
    private final VerifiedCredentials verified = new VerifiedCredentials(name -> Optional.ofNullable(accounts.get(name)),
            Duration.ofMinutes(5), 100);

    @Test
    void aRememberedCredentialIsRecalledWithTheAuthoritiesTheAccountHasNow() {
        accounts.put("anna", new VerifiedCredentials.AccountState("$2a$10$hash-1", true, List.of("ROLE_INSPECTOR")));
        verified.remember(attempt("anna", "right-password"), "$2a$10$hash-1");
        accounts.put("anna", new VerifiedCredentials.AccountState("$2a$10$hash-1", true,
                List.of("ROLE_AGENCY_OFFICER", "AGENCY_so-y-te")));

        Authentication recalled = verified.recall(attempt("anna", "right-password")).orElseThrow();
        assertThat(recalled.isAuthenticated()).isTrue();
        assertThat(recalled.getName()).isEqualTo("anna");
        assertThat(recalled.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_AGENCY_OFFICER", "AGENCY_so-y-te");
    }

    @Test
    void anotherPasswordOrAnotherNameIsNotRecalled() {
        accounts.put("anna", new VerifiedCredentials.AccountState("h", true, List.of("ROLE_INSPECTOR")));
        accounts.put("annar", new VerifiedCredentials.AccountState("h", true, List.of("ROLE_INSPECTOR")));
        verified.remember(attempt("anna", "right-password"), "h");
        assertThat(verified.recall(attempt("anna", "wrong-password"))).isEmpty();
        assertThat(verified.recall(attempt("annar", "ight-password"))).isEmpty();
        assertThat(verified.recall(attempt("anna", "right-password"))).isPresent();
    }

    @Test
    void aChangedPasswordHashEndsTheEntryForGoodEvenIfTheHashComesBack() {
        accounts.put("anna", new VerifiedCredentials.AccountState("old", true, List.of("ROLE_INSPECTOR")));
        verified.remember(attempt("anna", "pw-123456789"), "old");
        accounts.put("anna", new VerifiedCredentials.AccountState("new", true, List.of("ROLE_INSPECTOR")));
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();
        accounts.put("anna", new VerifiedCredentials.AccountState("old", true, List.of("ROLE_INSPECTOR")));
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();
        assertThat(verified.size()).isZero();
    }

    @Test
    void aDisabledOrVanishedAccountEndsTheEntry() {
        accounts.put("anna", new VerifiedCredentials.AccountState("h", true, List.of("ROLE_INSPECTOR")));
        verified.remember(attempt("anna", "pw-123456789"), "h");
        accounts.put("anna", new VerifiedCredentials.AccountState("h", false, List.of("ROLE_INSPECTOR")));
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();
        accounts.put("anna", new VerifiedCredentials.AccountState("h", true, List.of("ROLE_INSPECTOR")));
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();

        verified.remember(attempt("anna", "pw-123456789"), "h");
        accounts.remove("anna");
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();
    }

    @Test
    void forgettingAUserDropsAllItsEntriesAndAZeroTtlRemembersNothing() {
        accounts.put("anna", new VerifiedCredentials.AccountState("h", true, List.of("ROLE_INSPECTOR")));
        verified.remember(attempt("anna", "pw-123456789"), "h");
        verified.forget("anna");
        assertThat(verified.recall(attempt("anna", "pw-123456789"))).isEmpty();

        VerifiedCredentials off = new VerifiedCredentials(name -> Optional.ofNullable(accounts.get(name)), Duration.ZERO, 100);
        off.remember(attempt("anna", "pw-123456789"), "h");
        assertThat(off.recall(attempt("anna", "pw-123456789"))).isEmpty();
    }

    private static Authentication attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
