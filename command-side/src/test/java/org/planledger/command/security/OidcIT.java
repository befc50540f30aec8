package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.security.ApiClient.Credentials;
import org.planledger.command.security.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The optional OpenID Connect resource server, with tokens signed here by a key made for the test (no network): the
 * role and agency come from the configured claims (here Keycloak's nested {@code realm_access.roles} and a custom
 * {@code agency}), the user from {@code preferred_username}, and events name that user. HTTP Basic keeps working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class OidcIT {

    static final String ISSUER = "https://sso.sonla.example/realms/sonla";
    static final KeyPair PROVIDER = rsa();
    static final KeyPair IMPOSTOR = rsa();

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry properties) throws Exception {
        Path key = Path.of("target", "oidc-test-public-key.pem");
        Files.createDirectories(key.getParent());
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(PROVIDER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        properties.add("planledger.oidc.enabled", () -> "true");
        properties.add("planledger.oidc.public-key-location", () -> "file:" + key.toAbsolutePath());
        properties.add("planledger.oidc.issuer-uri", () -> ISSUER);
        properties.add("planledger.oidc.audience", () -> "planledger");
        properties.add("planledger.oidc.role-claim", () -> "realm_access.roles");
        properties.add("planledger.oidc.agency-claim", () -> "agency");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private ApiClient api;
    private String plan;

    @BeforeEach
    void planWithAnActivityLedBySoNoiVu() throws Exception {
        api = new ApiClient(json, port);
        plan = "oidc-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Credentials admin = Credentials.demo("admin");
        assertThat(api.post(admin, "/api/plans", Map.of("planId", plan, "title", "Kế hoạch", "year", 2024,
                "decision", Map.of("number", "1/QĐ"))).status()).isEqualTo(201);
        assertThat(api.post(admin, "/api/plans/" + plan + "/activities", Map.of("code", "I.1", "section", "I",
                "title", "Kế hoạch", "timeline", "Tháng 9/2024")).status()).isEqualTo(201);
        assertThat(api.post(admin, "/api/plans/" + plan + "/activities/I.1/assignment", Map.of("lead", "so-noi-vu"))
                .status()).isEqualTo(200);
    }

    @Test
    void anOfficerTokenReportsForItsAgencyAndTheEventNamesTheTokensUser() throws Exception {
        String token = token(PROVIDER, c -> c.claim("preferred_username", "nguyen.van.a")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "agency_officer")))
                .claim("agency", "Sở Nội vụ"));
        Response me = api.get(Credentials.bearer(token), "/api/me");
        assertThat(me.body().get("user").asText()).isEqualTo("nguyen.van.a");
        assertThat(me.body().get("role").asText()).isEqualTo("AGENCY_OFFICER");
        assertThat(me.body().get("agency").asText()).isEqualTo("so-noi-vu");
        assertThat(me.body().get("via").asText()).isEqualTo("oidc");

        Response report = api.post(Credentials.bearer(token), "/api/plans/" + plan + "/activities/I.1/reports",
                Map.of("agency", "so-noi-vu", "milestoneId", "m1", "summary", "Đã ban hành", "sentOn", "2024-09-01"));
        assertThat(report.status()).isEqualTo(200);
        JsonNode meta = json.readTree(jdbc.queryForObject("""
                select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?
                order by sequence_number desc limit 1""", String.class, plan + "/I.1"));
        assertThat(meta.get("actorUser").asText()).isEqualTo("nguyen.van.a");
        assertThat(meta.get("actorRole").asText()).isEqualTo("AGENCY_OFFICER");
        assertThat(meta.get("actorAgency").asText()).isEqualTo("so-noi-vu");
    }

    @Test
    void anOfficerTokenOfAnotherAgencyIsRefusedOnThisActivity() throws Exception {
        String token = token(PROVIDER, c -> c.claim("preferred_username", "lo.thi.b")
                .claim("realm_access", Map.of("roles", List.of("AGENCY_OFFICER"))).claim("agency", "so-y-te"));
        Response report = api.post(Credentials.bearer(token), "/api/plans/" + plan + "/activities/I.1/reports",
                Map.of("agency", "so-y-te", "milestoneId", "m1", "summary", "s", "sentOn", "2024-09-01"));
        assertThat(report.status()).isEqualTo(403);
        assertThat(report.body().get("rule").asText()).isEqualTo("officer-agency-takes-part");
    }

    @Test
    void anInspectorTokenReadsButWritesNothingAndAnAdminTokenWrites() throws Exception {
        String inspector = token(PROVIDER, c -> c.claim("preferred_username", "thanh.tra")
                .claim("realm_access", Map.of("roles", List.of("ROLE_INSPECTOR"))));
        assertThat(api.get(Credentials.bearer(inspector), "/api/me").status()).isEqualTo(200);
        Response refused = api.post(Credentials.bearer(inspector), "/api/plans", Map.of("planId", plan + "-x",
                "title", "x", "year", 2024, "decision", Map.of("number", "1/QĐ")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");

        String admin = token(PROVIDER, c -> c.claim("preferred_username", "snv.admin")
                .claim("realm_access", Map.of("roles", List.of("plan_admin"))));
        assertThat(api.post(Credentials.bearer(admin), "/api/plans", Map.of("planId", plan + "-y", "title", "y",
                "year", 2024, "decision", Map.of("number", "1/QĐ"))).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?",
                String.class, plan + "-y")).contains("\"actorUser\":\"snv.admin\"").contains("\"actorRole\":\"PLAN_ADMIN\"");
    }

    @Test
    void personalApiTokensWorkBesideOidcTokens() throws Exception {
        Response issued = api.post(Credentials.demo("inspector"), "/api/me/tokens", Map.of("label", "beside oidc"));
        assertThat(issued.status()).isEqualTo(201);
        Response me = api.get(Credentials.bearer(issued.body().get("token").asText()), "/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("via").asText()).isEqualTo("token");
        assertThat(api.get(Credentials.bearer("plt_" + "B".repeat(43)), "/api/me").status()).isEqualTo(401);
        String jwt = token(PROVIDER, c -> c.claim("preferred_username", "thanh.tra")
                .claim("realm_access", Map.of("roles", List.of("INSPECTOR"))));
        assertThat(api.get(Credentials.bearer(jwt), "/api/me").body().get("via").asText()).isEqualTo("oidc");
    }

    @Test
    void tokensThatCannotBeTrustedOrNameNoSingleRoleAre401Problems() throws Exception {
        Consumer<JWTClaimsSet.Builder> officer = c -> c.claim("preferred_username", "x")
                .claim("realm_access", Map.of("roles", List.of("AGENCY_OFFICER"))).claim("agency", "so-noi-vu");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("signed by another key", token(IMPOSTOR, officer));
        bad.put("expired", token(PROVIDER, officer.andThen(c -> c
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))))));
        bad.put("another issuer", token(PROVIDER, officer.andThen(c -> c.issuer("https://evil.example"))));
        bad.put("another audience", token(PROVIDER, officer.andThen(c -> c.audience("other-app"))));
        bad.put("no ledger role", token(PROVIDER, c -> c.claim("preferred_username", "x")
                .claim("realm_access", Map.of("roles", List.of("offline_access")))));
        bad.put("two ledger roles", token(PROVIDER, c -> c.claim("preferred_username", "x")
                .claim("realm_access", Map.of("roles", List.of("PLAN_ADMIN", "INSPECTOR")))));
        bad.put("officer without agency", token(PROVIDER, c -> c.claim("preferred_username", "x")
                .claim("realm_access", Map.of("roles", List.of("AGENCY_OFFICER")))));
        bad.put("officer of a group", token(PROVIDER, officer.andThen(c -> c.claim("agency", "cac-so-ban-nganh"))));
        bad.put("not a token", "abc.def.ghi");
        for (Map.Entry<String, String> token : bad.entrySet()) {
            Response response = api.get(Credentials.bearer(token.getValue()), "/api/me");
            assertThat(response.status()).as(token.getKey()).isEqualTo(401);
            assertThat(response.isProblem()).as(token.getKey()).isTrue();
            assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.challenges()).contains("Basic realm=\"planledger\"", "Bearer realm=\"planledger\"");
        }
        assertThat(Files.readString(AccessMatrixIT.SECURITY_LOG)).contains("user=(bearer token)")
                .contains("Jwt expired at")
                .contains("reason=\"invalid bearer token: claim realm_access.roles must name exactly one ledger role");
    }

    private static String token(KeyPair key, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).audience("planledger")
                .subject("f3a1c2d4").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner((PrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
