package org.planledger.command.support;

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
 * Who may send which command (sign-in itself is {@link LedgerSecurity}'s):
 * <ul>
 * <li>PLAN_ADMIN: create plans, import plan files, register, assign, reschedule, amend, cancel, record amendment
 * decisions (as JSON or from a file), review reports, record urging notices; manage accounts.</li>
 * <li>SYSTEM (imports): create plans, register, assign, import a plan file.</li>
 * <li>AGENCY_OFFICER: submit reports and complete milestones, only in the name of their own agency and only for
 * activities it leads or coordinates, directly or through a group (checked by the controller and the activity).</li>
 * <li>INSPECTOR: nothing.</li>
 * <li>Everyone: their own API tokens ({@code /api/me/tokens}).</li>
 * </ul>
 * A POST route not named here is for plan admins only.
 */
@Configuration(proxyBeanMethods = false)
@Import({LedgerSecurity.class, ApiContract.class})
class SecurityConfiguration {

    private static final String ADMIN = Role.PLAN_ADMIN.name();
    private static final String OFFICER = Role.AGENCY_OFFICER.name();
    private static final String SYSTEM = Role.SYSTEM.name();

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, LedgerSecurity security) throws Exception {
        return security.api(http, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/plans", "/api/plans/import", "/api/plans/*/activities",
                        "/api/plans/*/activities/*/assignment").hasAnyRole(ADMIN, SYSTEM)
                .requestMatchers(HttpMethod.POST, "/api/plans/*/activities/*/milestones/*/reschedule",
                        "/api/plans/*/activities/*/cancellation").hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/plans/*/activities/*/amendment", "/api/plans/*/amendments",
                        "/api/plans/*/amendments/import")
                        .hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/plans/*/activities/*/reports",
                        "/api/plans/*/activities/*/milestones/*/completion").hasRole(OFFICER)
                .requestMatchers("/api/me/tokens", "/api/me/tokens/**").authenticated()
                .requestMatchers("/api/admin/**").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                .requestMatchers("/api/**").hasRole(ADMIN)
                .anyRequest().authenticated());
    }
}
