package org.planledger.query.support;

import org.planledger.security.LedgerSecurity;
import org.planledger.security.contract.ApiContract;
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
@Import({LedgerSecurity.class, ApiContract.class})
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
