package org.planledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void noDefaultCredentialsNoReasonToRefuse() {
        assertThat(StartupChecks.reasons(List.of(), "a-real-password", false)).isEmpty();
    }

    @Test
    void demoPasswordAccountsAreNamedInOneReason() {
        assertThat(StartupChecks.reasons(List.of("admin", "officer-so-y-te"), "a-real-password", false))
                .containsExactly("2 enabled account(s) still have the demo password (demo accounts are for the demo "
                        + "profile only): admin, officer-so-y-te");
    }

    @Test
    void theBuiltInDatabasePasswordIsRefusedUnlessExplicitlyAllowed() {
        assertThat(StartupChecks.reasons(List.of(), "planledger", false)).singleElement().asString()
                .contains("database password is the built-in default");
        assertThat(StartupChecks.reasons(List.of(), "planledger", true)).isEmpty();
    }
}
