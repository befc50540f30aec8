package org.planledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.planledger.shared.access.Role;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.jdbc.JdbcDaoImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Sign-in for both services; each service imports this and declares its API's rules with {@link #api}.
 * <ul>
 * <li>Accounts live in PostgreSQL ({@code app_user}, bcrypt), read by Spring Security's {@link JdbcDaoImpl}.</li>
 * <li>APIs ({@code /api/**}): stateless HTTP Basic, personal API tokens ({@code Bearer plt_…}, {@link ApiTokens})
 * and, when {@code planledger.oidc.enabled}, bearer JWTs.</li>
 * <li>Browser routes (all but {@code /api/**} and the public ones): form login with a session and CSRF protection;
 * a service's {@link LogoutHandler} beans run on sign-out.</li>
 * <li>Failed logins are throttled per user name; refusals are problem+json and go to the security log.</li>
 * <li>The demo profile adds the demo accounts; any other profile refuses to start with default credentials.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, OidcProperties.class})
@Import(WhoAmI.class)
public class LedgerSecurity {

    static final String[] PUBLIC = {"/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};
    /** Metrics for a scraper: on the API chain (HTTP Basic or a token, no sign-in page), any account. */
    static final String METRICS = "/actuator/prometheus";

    private final AuthenticationManager passwords;
    private final SecurityProblems problems;
    private final OidcProperties oidc;
    private final SecurityLog log;
    private final ApiTokens tokens;
    private final List<LogoutHandler> onSignOut;
    private final List<PagesSignIn> otherSignIns;

    LedgerSecurity(ObjectProvider<AuthenticationManager> passwords, ObjectProvider<SecurityProblems> problems,
            OidcProperties oidc, ObjectProvider<SecurityLog> log, ObjectProvider<ApiTokens> tokens,
            ObjectProvider<LogoutHandler> onSignOut, ObjectProvider<PagesSignIn> otherSignIns) {
        this.passwords = passwords.getObject();
        this.problems = problems.getObject();
        this.oidc = oidc;
        this.log = log.getObject();
        this.tokens = tokens.getObject();
        this.onSignOut = onSignOut.orderedStream().toList();
        this.otherSignIns = otherSignIns.orderedStream().toList();
    }

    /**
     * Another way to sign in on a service's pages, beside the password form (the console's OIDC sign-in): its filters,
     * and the provider that checks what they hand over (asked before the passwords' manager, which this chain sets).
     */
    public interface PagesSignIn {
        void configure(HttpSecurity pages) throws Exception;

        AuthenticationProvider provider();
    }

    @Bean
    static PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The filter chain is not wrapped in an observation per filter (Spring Security's default when Micrometer is
     * present): that is an observation started and stopped around each of some fifteen filters of every request,
     * which nothing here reads ({@code http.server.requests} already times the whole request). Sign-ins and access
     * decisions are still observed.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    static SecurityLog securityLog() {
        return new SecurityLog();
    }

    @Bean
    static UserAccounts userAccounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder,
            @Value("${planledger.demo-password:demo}") String demoPassword) {
        return new UserAccounts(jdbc, passwordEncoder, AgencyDirectory.standard(), demoPassword);
    }

    @Bean
    static ApiTokens apiTokens(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new ApiTokens(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    static LoginThrottle loginThrottle(JdbcTemplate jdbc, ObjectProvider<Clock> clock, SecurityProperties settings,
            SecurityLog securityLog) {
        return new LoginThrottle(jdbc, clock.getIfAvailable(Clock::systemUTC), settings.login(), securityLog);
    }

    @Bean
    static SecurityProblems securityProblems(ObjectMapper json, SecurityLog securityLog, OidcProperties oidc,
            ObjectProvider<Clock> clock) {
        return new SecurityProblems(json, securityLog, oidc.enabled(), clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Password sign-in against {@code app_user}, throttled, bcrypt once per credential and {@code credential-cache.ttl}.
     * The only AuthenticationManager of the service.
     */
    @Bean
    static AuthenticationManager authenticationManager(DataSource dataSource, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, SecurityProperties settings) {
        JdbcDaoImpl accounts = new JdbcDaoImpl();
        accounts.setDataSource(dataSource);
        accounts.setUsersByUsernameQuery("select username, password_hash, enabled from app_user where username = ?");
        // one row per authority: the role, and an officer's agency
        accounts.setAuthoritiesByUsernameQuery("""
                select u.username, a.authority from app_user u
                cross join lateral (values ('ROLE_' || u.role), ('AGENCY_' || u.agency_id)) as a(authority)
                where u.username = ? and a.authority is not null""");
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(passwordEncoder);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        VerifiedCredentials verified = new VerifiedCredentials(username -> jdbc.query(
                "select password_hash, enabled, role, agency_id from app_user where username = ?",
                (rs, i) -> new VerifiedCredentials.AccountState(rs.getString(1), rs.getBoolean(2),
                        rs.getString(4) == null ? List.of("ROLE_" + rs.getString(3))
                                : List.of("ROLE_" + rs.getString(3), Role.AGENCY_AUTHORITY_PREFIX + rs.getString(4))),
                username).stream().findFirst(), settings.credentialCache().ttl(), settings.credentialCache().maxEntries());
        return new ProviderManager(new ThrottledAuthentication(provider, throttle, verified));
    }

    /** Demo profile: the demo accounts exist before the service takes its first request (after the migrations). */
    @Bean
    @Profile("demo")
    static StartupChecked demoAccounts(ObjectProvider<FlywayMigrationInitializer> migrations, UserAccounts accounts,
            @Value("${planledger.demo-password:demo}") String demoPassword) {
        migrations.ifAvailable(m -> { });
        StartupChecks.seedDemoAccounts(accounts, demoPassword);
        return new StartupChecked("demo accounts present");
    }

    /** Every other profile: no start while default credentials exist (see {@link StartupChecks}). */
    @Bean
    @Profile("!demo")
    static StartupChecked noDefaultCredentials(ObjectProvider<FlywayMigrationInitializer> migrations,
            UserAccounts accounts, Environment environment, SecurityProperties settings) {
        migrations.ifAvailable(m -> { });
        StartupChecks.refuseDefaultCredentials(accounts, environment.getProperty("spring.datasource.password"),
                settings.allowDefaultDatabasePassword());
        return new StartupChecked("no default credentials");
    }

    /** Marks that the profile's account check ran at start-up. */
    public record StartupChecked(String outcome) {
    }

    /**
     * Browser routes: everything but the API ({@code /api/**}) and the public routes. Form login at /login (the
     * service's own page when {@code planledger.pages.login-page} names it, else Spring's), a session, CSRF tokens.
     * An unauthenticated browser request is sent to the login page, never answered with a Basic challenge (which
     * makes a browser open its own password prompt); the sign-in page's assets are open.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, @Value("${planledger.pages.login-page:}") String loginPage,
            @Value("${planledger.pages.home:/ui/me}") String home) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> notPages = new ArrayList<>();
        notPages.add(paths.matcher("/api/**"));
        notPages.add(paths.matcher(METRICS));
        for (String route : PUBLIC) {
            notPages.add(paths.matcher(route));
        }
        http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(notPages)))
                .authenticationManager(otherSignIns.isEmpty() ? passwords
                        : new ProviderManager(otherSignIns.stream().map(PagesSignIn::provider).toList(), passwords))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/default-ui.css", "/favicon.ico", "/webjars/**", "/console/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> {
                    if (!loginPage.isBlank()) {
                        form.loginPage(loginPage);
                    }
                    form.defaultSuccessUrl(home).failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error") {
                        @Override
                        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                AuthenticationException e) throws IOException, jakarta.servlet.ServletException {
                            log.loginFailed(request, request.getParameter("username"),
                                    e instanceof LoginLockedException ? "locked after too many failed logins" : SecurityProblems.reason(e));
                            super.onAuthenticationFailure(request, response, e);
                        }
                    });
                })
                .logout(logout -> {
                    // a service's own sign-out steps run before the session ends (the console revokes its relay token)
                    onSignOut.forEach(logout::addLogoutHandler);
                    logout.logoutSuccessUrl("/login?logout");
                })
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler(problems));
        for (PagesSignIn other : otherSignIns) {
            other.configure(http);
        }
        return http.build();
    }

    /**
     * A service's API chain: everything the pages chain does not match. Health and OpenAPI are public; {@code rules}
     * says who may call what; error dispatches pass (their request was authorised already).
     */
    public SecurityFilterChain api(HttpSecurity http,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(passwords)
                .authorizeHttpRequests(auth -> {
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    auth.requestMatchers(PUBLIC).permitAll();
                    auth.requestMatchers(HttpMethod.GET, METRICS).authenticated();
                    rules.customize(auth);
                })
                .addFilterBefore(ApiTokenFilter.of(tokens, problems), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (oidc.enabled()) {
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(OidcTokens.decoder(oidc));
            tokens.setJwtAuthenticationConverter(new OidcTokens(oidc, AgencyDirectory.standard()));
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .bearerTokenResolver(ApiTokenFilter.notApiTokens())
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(tokens))));
        }
        return http.build();
    }
}
