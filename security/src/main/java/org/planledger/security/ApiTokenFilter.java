package org.planledger.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * {@code Authorization: Bearer plt_…}: a personal API token ({@link ApiTokens}). Other bearer tokens are left to the
 * OIDC resource server (when enabled), which in turn is told to leave {@code plt_} tokens alone
 * ({@link #notApiTokens}); HTTP Basic is untouched. A refused token is answered by the entry point (401
 * problem+json, security log) and the request goes no further.
 */
final class ApiTokenFilter {

    private static final DefaultBearerTokenResolver HEADER = new DefaultBearerTokenResolver();

    private ApiTokenFilter() {
    }

    static AuthenticationFilter of(ApiTokens tokens, AuthenticationEntryPoint refusals) {
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(new Provider(tokens)),
                request -> {
                    String token = presented(request);
                    return token == null ? null : new BearerTokenAuthenticationToken(token);
                });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
        filter.setSuccessHandler((request, response, authentication) -> { });
        return filter;
    }

    /** The resolver the OIDC resource server uses: every bearer token except a personal API token. */
    static BearerTokenResolver notApiTokens() {
        return request -> {
            String token = HEADER.resolve(request);
            return token != null && token.startsWith(ApiTokens.PREFIX) ? null : token;
        };
    }

    private static String presented(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.startsWith(ApiTokens.PREFIX) ? token : null;
    }

    private record Provider(ApiTokens tokens) implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            ApiTokens.Presented presented = tokens.check(token)
                    .orElseThrow(() -> new InvalidBearerTokenException("unknown, revoked or expired API token"));
            if (!presented.enabled()) {
                throw new DisabledException("account disabled");
            }
            return new ApiTokenAuthentication(presented.holder());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
