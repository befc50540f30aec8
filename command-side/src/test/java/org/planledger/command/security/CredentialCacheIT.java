package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.security.ApiClient.Credentials;
import org.planledger.command.security.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

/**
 * HTTP Basic without bcrypt on every request, and what must still end a remembered credential at once. Changes are
 * made in PostgreSQL directly, as the other service or {@code ./planledger user} would make them, so that nothing in
 * this process is told about them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class CredentialCacheIT {

    static final String STRONG = "Cached-passw0rd";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private ApiClient api;
    private String name;
    private Credentials user;

    @BeforeEach
    void anAccountThatHasSignedInOnce() throws Exception {
        api = new ApiClient(json, port);
        name = "cached-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        assertThat(api.post(Credentials.demo("admin"), "/api/admin/users",
                Map.of("username", name, "role", "INSPECTOR", "password", STRONG)).status()).isEqualTo(201);
        user = Credentials.basic(name, STRONG);
        assertThat(api.get(user, "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aRememberedCredentialCostsFarLessThanABcryptCheck() throws Exception {
        String hash = jdbc.queryForObject("select password_hash from app_user where username = ?", String.class, name);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        int rounds = 20;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(bcrypt.matches(STRONG, hash)).isTrue();
        }
        long bcryptOnly = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(api.get(user, "/api/me").status()).isEqualTo(200);
        }
        long requests = System.nanoTime() - start;
        // a whole request (HTTP, filters, JSON, two indexed queries) against the bcrypt check alone
        assertThat(requests).as("%d requests took %d ms, %d bcrypt checks %d ms", rounds, requests / 1_000_000, rounds,
                bcryptOnly / 1_000_000).isLessThan(bcryptOnly / 2);
    }

    @Test
    void anAccountDisabledElsewhereIsRefusedAtTheNextRequest() throws Exception {
        jdbc.update("update app_user set enabled = false where username = ?", name);
        Response refused = api.get(user, "/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(AccountsIT.logged("user=" + name)).contains("reason=\"account disabled\"");
        jdbc.update("update app_user set enabled = true where username = ?", name);
        assertThat(api.get(user, "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangedElsewhereEndsTheOldOneAtTheNextRequest() throws Exception {
        jdbc.update("update app_user set password_hash = ? where username = ?",
                new BCryptPasswordEncoder().encode(STRONG + "-new"), name);
        assertThat(api.get(user, "/api/me").status()).isEqualTo(401);
        assertThat(api.get(Credentials.basic(name, STRONG + "-new"), "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aLockedNameIsRefusedEvenWithARememberedPassword() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(Credentials.basic(name, "wrong-" + i), "/api/me").status()).isEqualTo(401);
        }
        Response locked = api.get(user, "/api/me");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("TOO_MANY_FAILED_LOGINS");
        // the lock lifted elsewhere: the password is checked again and signs in
        jdbc.update("delete from login_throttle where username = ?", name);
        assertThat(api.get(user, "/api/me").status()).isEqualTo(200);
    }

    @Test
    void aRoleChangedElsewhereAppliesAtTheNextRequest() throws Exception {
        jdbc.update("update app_user set role = 'PLAN_ADMIN' where username = ?", name);
        assertThat(api.get(user, "/api/me").body().get("role").asText()).isEqualTo("PLAN_ADMIN");
        assertThat(api.get(user, "/api/admin/users").status()).isEqualTo(200);
    }

    @Test
    void failedLoginsStillCountWhileAPasswordIsRemembered() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(api.get(Credentials.basic(name, "wrong"), "/api/me").status()).isEqualTo(401);
        }
        assertThat(jdbc.queryForObject("select failures from login_throttle where username = ?", Integer.class, name))
                .isEqualTo(4);
        assertThat(api.get(user, "/api/me").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from login_throttle where username = ?", Integer.class, name)).isZero();
    }
}
