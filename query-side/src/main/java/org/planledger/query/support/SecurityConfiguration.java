package org.planledger.query.support;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.planledger.security.LedgerSecurity;
import org.planledger.shared.access.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every query needs an authenticated user, whatever the role (sign-in itself is {@link LedgerSecurity}'s); rebuilding
 * a read model is for plan admins; nothing else is written here.
 */
@Configuration(proxyBeanMethods = false)
@Import(LedgerSecurity.class)
@OpenAPIDefinition(security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "token")})
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(name = "token", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "plt_…",
        description = "a personal API token (POST /api/me/tokens on the command side)")
class SecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, LedgerSecurity security) throws Exception {
        return security.api(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                .requestMatchers(HttpMethod.POST, "/api/admin/**").hasRole(Role.PLAN_ADMIN.name())
                .anyRequest().denyAll());
    }
}
