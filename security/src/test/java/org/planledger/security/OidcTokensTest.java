package org.planledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class OidcTokensTest {

    private final OidcTokens tokens = new OidcTokens(new OidcProperties(true, null, null, null, null,
            "preferred_username", "planledger_role", "planledger_agency", null, null), AgencyDirectory.standard());

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("sub-1")
                .issuedAt(Instant.parse("2024-01-01T00:00:00Z")).expiresAt(Instant.parse("2024-01-01T01:00:00Z"));
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static List<String> authorities(AbstractAuthenticationToken token) {
        return token.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void anOfficerTokenGetsTheSameAuthoritiesAsALocalOfficerAccount() {
        AbstractAuthenticationToken token = tokens.convert(jwt(Map.of("preferred_username", "a",
                "planledger_role", "agency_officer", "planledger_agency", "Sở Tư pháp")));
        assertThat(token.getName()).isEqualTo("a");
        assertThat(authorities(token)).containsExactly("ROLE_AGENCY_OFFICER", "AGENCY_so-tu-phap");
    }

    @Test
    void theSubjectNamesTheUserWhenTheUsernameClaimIsMissing() {
        assertThat(tokens.convert(jwt(Map.of("planledger_role", "INSPECTOR"))).getName()).isEqualTo("sub-1");
    }

    @Test
    void onlyAnOfficerCarriesAnAgency() {
        assertThat(authorities(tokens.convert(jwt(Map.of("planledger_role", List.of("ROLE_PLAN_ADMIN", "uma_authorization"),
                "planledger_agency", "so-noi-vu"))))).containsExactly("ROLE_PLAN_ADMIN");
    }

    @Test
    void aTokenWithoutExactlyOneLedgerRoleIsRefused() {
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("planledger_role", "GUEST"))))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("names 0");
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("planledger_role", List.of("INSPECTOR", "SYSTEM")))))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("names 2");
    }

    @Test
    void anOfficerTokenNeedsAKnownSingleAgency() {
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("planledger_role", "AGENCY_OFFICER", "planledger_agency", "Sở Hư cấu"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("planledger_role", "AGENCY_OFFICER", "planledger_agency", "ubnd-cap-huyen"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void claimNamesMayBeDottedPathsOrNamesWithDots() {
        Jwt nested = jwt(Map.of("realm_access", Map.of("roles", List.of("x", "INSPECTOR")),
                "https://sonla.gov.vn/agency", "so-y-te"));
        assertThat(OidcTokens.claim(nested.getClaims(), "realm_access.roles")).isEqualTo(List.of("x", "INSPECTOR"));
        assertThat(OidcTokens.claim(nested.getClaims(), "https://sonla.gov.vn/agency")).isEqualTo("so-y-te");
        assertThat(OidcTokens.claim(nested.getClaims(), "realm_access.missing")).isNull();
    }

    @Test
    void enablingOidcWithoutAKeySourceFailsAtStartWithTheSettingsToUse() {
        assertThatThrownBy(() -> OidcTokens.decoder(new OidcProperties(true, "", "", "", null, "u", "r", "a", null, null)))
                .hasMessageContaining("planledger.oidc.jwk-set-uri");
    }
}
