package org.planledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class SecurityLogTest {

    @Test
    void theAttemptedUserIsTheBasicNameAndNeverThePassword() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:s3cret".getBytes()));
        assertThat(SecurityLog.attemptedUser(request)).isEqualTo("admin");
    }

    @Test
    void tokensAndMissingCredentialsAreNamedNotCopied() {
        MockHttpServletRequest bearer = new MockHttpServletRequest();
        bearer.addHeader("Authorization", "Bearer eyJhbGciOi.secret.sig");
        assertThat(SecurityLog.attemptedUser(bearer)).isEqualTo("(bearer token)");
        assertThat(SecurityLog.attemptedUser(new MockHttpServletRequest())).isEqualTo("-");
    }

    @Test
    void aClientCannotForgeLogLines() {
        assertThat(SecurityLog.clean("evil\nevent=denied status=200 \"x")).isEqualTo("evil_event=denied status=200 _x");
        assertThat(SecurityLog.clean("x".repeat(500))).hasSize(201);
    }
}
