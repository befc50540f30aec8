package org.planledger.query.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import org.planledger.security.LedgerSecurity;
import org.planledger.security.OidcProperties;
import org.planledger.security.OidcTokens;
import org.planledger.security.SecurityLog;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * With OIDC enabled and a client id given ({@code planledger.oidc.client-id}), the console signs in through the
 * identity provider (authorization code flow, {@code /oauth2/authorization/planledger}), and the ID token's claims
 * become the same role and agency the resource server gives a bearer JWT ({@link OidcTokens}): a user without exactly
 * one ledger role, or an officer without a known agency, is not signed in. The provider is found from
 * {@code planledger.oidc.issuer-uri} (its discovery document, read at start). The password form stays for local
 * accounts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${planledger.oidc.enabled:false} and '${planledger.oidc.client-id:}' != ''")
class ProviderSignIn {

    static final String REGISTRATION = "planledger";

    @Bean
    ClientRegistrationRepository identityProvider(OidcProperties oidc) {
        ClientRegistration console = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                .registrationId(REGISTRATION)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .scope("openid", "profile")
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build();
        return new InMemoryClientRegistrationRepository(console);
    }

    @Bean
    LedgerSecurity.PagesSignIn throughTheProvider(ClientRegistrationRepository clients, OidcProperties oidc,
            SecurityLog log, @Value("${planledger.pages.home:/}") String home) {
        OAuth2UserService<OidcUserRequest, OidcUser> users = mapped(new OidcTokens(oidc, AgencyDirectory.standard()));
        return new LedgerSecurity.PagesSignIn() {
            @Override
            public void configure(HttpSecurity pages) throws Exception {
                pages.oauth2Login(login -> login.loginPage("/login")
                        .clientRegistrationRepository(clients)
                        // the provider's tokens live in the session, so every instance (sessions in PostgreSQL) has them
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .userInfoEndpoint(info -> info.oidcUserService(users))
                        .defaultSuccessUrl(home)
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error") {
                            @Override
                            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                    AuthenticationException e) throws IOException, ServletException {
                                log.loginFailed(request, "-", "identity provider: " + e.getMessage());
                                super.onAuthenticationFailure(request, response, e);
                            }
                        }));
            }

            @Override
            public AuthenticationProvider provider() {
                return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
                        users);
            }
        };
    }

    /** The signed-in user's access token for the console's writes (CommandSide), refreshed with the refresh token. */
    @Bean
    OAuth2AuthorizedClientManager providerTokens(ClientRegistrationRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(clients,
                new HttpSessionOAuth2AuthorizedClientRepository());
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    /** The provider's user with the ledger's authorities and name, or a refused sign-in saying why. */
    static OAuth2UserService<OidcUserRequest, OidcUser> mapped(OidcTokens mapping) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            try {
                OidcTokens.SignedIn signedIn = mapping.signIn(user.getClaims(), user.getSubject());
                return new ConsoleUser(signedIn.authorities(), user, signedIn.username());
            } catch (IllegalArgumentException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", e.getMessage(), null),
                        e.getMessage());
            }
        };
    }

    /** The provider's user under the name the audit trail records (the username claim, else the subject). */
    static final class ConsoleUser extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;
        private final String username;

        ConsoleUser(Collection<? extends GrantedAuthority> authorities, OidcUser user, String username) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.username = username;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ConsoleUser u && u.username.equals(username) && super.equals(other);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }
    }
}
