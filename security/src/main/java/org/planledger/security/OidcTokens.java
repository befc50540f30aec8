package org.planledger.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.planledger.shared.access.Role;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Bearer JWTs of a provincial identity provider: how they are verified, and how their claims become the same
 * authorities a local account has ({@code ROLE_<role>}, {@code AGENCY_<agencyId>}). A token without exactly one ledger
 * role, or an officer's token without a known agency, is refused (401) rather than let in with fewer rights.
 */
public final class OidcTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final OidcProperties settings;
    private final AgencyDirectory directory;

    public OidcTokens(OidcProperties settings, AgencyDirectory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    /** Verifies signatures with the configured keys; checks expiry, and issuer and audience when configured. */
    public static JwtDecoder decoder(OidcProperties settings) {
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(settings.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        } else if (StringUtils.hasText(settings.publicKeyLocation())) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(settings.publicKeyLocation())).build();
        } else if (StringUtils.hasText(settings.issuerUri())) {
            decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuerUri()).build();
        } else {
            throw new IllegalStateException("planledger.oidc.enabled is true but none of planledger.oidc.jwk-set-uri, "
                    + "planledger.oidc.issuer-uri or planledger.oidc.public-key-location is set: the service cannot verify tokens");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(StringUtils.hasText(settings.issuerUri())
                ? JwtValidators.createDefaultWithIssuer(settings.issuerUri()) : JwtValidators.createDefault());
        if (StringUtils.hasText(settings.audience())) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    aud -> aud != null && aud.contains(settings.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey publicKey(String location) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read planledger.oidc.public-key-location " + location, e);
        }
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        try {
            SignedIn user = signIn(jwt.getClaims(), jwt.getSubject());
            return new JwtAuthenticationToken(jwt, user.authorities(), user.username());
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException(e.getMessage());
        }
    }

    /** Who a set of claims signs in as: the user's name and the authorities a local account of that role has. */
    public record SignedIn(String username, List<GrantedAuthority> authorities) {
    }

    /**
     * The same mapping for the claims of a bearer JWT and of the console's ID token (sign-in through the provider).
     *
     * @throws IllegalArgumentException when the claims name no user, not exactly one ledger role, or an officer
     *                                  without a known agency (the text says which)
     */
    public SignedIn signIn(Map<String, Object> claims, String subject) {
        Role role = role(claims);
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        if (role == Role.AGENCY_OFFICER) {
            authorities.add(new SimpleGrantedAuthority(Role.AGENCY_AUTHORITY_PREFIX + agency(claims)));
        }
        Object name = claim(claims, settings.usernameClaim());
        String username = name instanceof String s && !s.isBlank() ? s : subject;
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the token names no user (claim " + settings.usernameClaim() + " or sub)");
        }
        return new SignedIn(username, List.copyOf(authorities));
    }

    private Role role(Map<String, Object> claims) {
        Object value = claim(claims, settings.roleClaim());
        Collection<?> values = value instanceof Collection<?> list ? list : value == null ? List.of() : List.of(value);
        List<Role> roles = new ArrayList<>();
        for (Object v : values) {
            String text = String.valueOf(v).trim().toUpperCase(Locale.ROOT);
            text = text.startsWith("ROLE_") ? text.substring(5) : text;
            for (Role r : Role.values()) {
                if (r.name().equals(text) && !roles.contains(r)) {
                    roles.add(r);
                }
            }
        }
        if (roles.size() != 1) {
            throw new IllegalArgumentException("claim " + settings.roleClaim() + " must name exactly one ledger role "
                    + "(PLAN_ADMIN, AGENCY_OFFICER, INSPECTOR, SYSTEM); it names " + roles.size());
        }
        return roles.get(0);
    }

    private String agency(Map<String, Object> claims) {
        Object value = claim(claims, settings.agencyClaim());
        Agency agency = value instanceof String text ? directory.find(text).orElse(null) : null;
        if (agency == null || agency.isGroup()) {
            throw new IllegalArgumentException("an AGENCY_OFFICER token needs claim " + settings.agencyClaim()
                    + " naming one agency of the directory, not " + value);
        }
        return agency.id();
    }

    /** A claim by name, or by a dotted path into nested objects ({@code realm_access.roles}). */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
