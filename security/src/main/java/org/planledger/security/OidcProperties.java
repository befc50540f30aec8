package org.planledger.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional OpenID Connect resource server ({@code planledger.oidc.*}): bearer JWTs from a provincial identity
 * provider, accepted next to HTTP Basic. Give one of {@code jwkSetUri}, {@code issuerUri} or {@code publicKeyLocation}.
 * Claim names may be dotted paths into nested claims ({@code realm_access.roles}).
 *
 * @param usernameClaim the claim that names the user in the audit trail
 * @param roleClaim     a string or list naming one ledger role (PLAN_ADMIN, AGENCY_OFFICER, INSPECTOR, SYSTEM;
 *                      case and a {@code ROLE_} prefix do not matter; other values are ignored)
 * @param agencyClaim   an officer's agency: a directory id or any known name of it
 * @param audience      when set, tokens must name it in {@code aud}
 * @param clientId      when set (with {@code issuerUri}), the console signs in through the provider as this client
 *                      (authorization code flow) instead of asking for a password
 * @param clientSecret  the console client's secret at the provider
 */
@ConfigurationProperties("planledger.oidc")
public record OidcProperties(
        @DefaultValue("false") boolean enabled,
        String issuerUri,
        String jwkSetUri,
        String publicKeyLocation,
        String audience,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("planledger_role") String roleClaim,
        @DefaultValue("planledger_agency") String agencyClaim,
        String clientId,
        String clientSecret) {
}
