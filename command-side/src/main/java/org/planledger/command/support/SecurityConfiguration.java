package org.planledger.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.planledger.shared.access.Role;
import org.planledger.shared.api.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call is authenticated (HTTP Basic). Plan admins change the plan; agency officers report and complete
 * milestones (their agency is checked against the activity by the aggregate); inspectors write nothing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ADMIN = Role.PLAN_ADMIN.name();
    private static final String OFFICER = Role.AGENCY_OFFICER.name();
    private static final String SYSTEM = Role.SYSTEM.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/plans/*/activities/*/reports",
                                "/api/plans/*/activities/*/milestones/*/completion").hasAnyRole(ADMIN, OFFICER, SYSTEM)
                        .requestMatchers(HttpMethod.POST, "/api/**").hasAnyRole(ADMIN, SYSTEM)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"planledger\"");
                    write(json, response, ErrorCode.UNAUTHENTICATED, "valid credentials are required (HTTP Basic)");
                }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        write(json, response, ErrorCode.FORBIDDEN, "your role may not " + request.getMethod() + " " + request.getRequestURI())));
        return http.build();
    }

    static void write(ObjectMapper json, HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        ProblemDetail problem = ProblemAdvice.problem(code, null, null, detail);
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
