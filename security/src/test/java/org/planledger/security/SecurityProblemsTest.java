package org.planledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

class SecurityProblemsTest {

    private final SecurityProblems problems = new SecurityProblems(new ObjectMapper(), new SecurityLog(), true,
            Clock.systemUTC());

    @Test
    void credentialsThatCouldNotBeCheckedForLackOfTheDatabaseAre503WithRetryAfterNot401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        problems.commence(new MockHttpServletRequest("GET", "/api/me"), response, new InternalAuthenticationServiceException(
                "account not read", new CannotGetJdbcConnectionException("no connection",
                        new SQLTransientConnectionException("Connection is not available, request timed out"))));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(ProblemDetails.RETRY_AFTER_SECONDS));
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"", "\"field\":\"database\"",
                "\"rule\":\"database-reachable\"").doesNotContain("Connection is not available");
    }

    @Test
    void badCredentialsStay401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        problems.commence(new MockHttpServletRequest("GET", "/api/me"), response, new BadCredentialsException("bad"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("Retry-After")).isNull();
        assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHENTICATED\"");
    }
}
