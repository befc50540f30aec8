package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planledger.command.CommandSideApplication;
import org.planledger.security.InsecureStartupException;
import org.planledger.security.UserCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Outside the demo profile the command side refuses to start while default credentials exist, and says why. This
 * class runs in the demo profile (so the demo accounts are in the database) and starts a second application in the
 * profile prod against the same database, and against a clean schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ProductionProfileIT {

    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.datasource.url}")
    String dbUrl;

    @Test
    void theProductionProfileRefusesToStartWhileDemoAccountsExist() {
        assertThat(jdbc.queryForObject("select count(*) from app_user where default_password and enabled", Integer.class))
                .isGreaterThan(50);
        Throwable failure = catchStartFailure(dbUrl, Map.of("planledger.security.allow-default-database-password", "true"));
        assertThat(failure).isInstanceOf(InsecureStartupException.class);
        assertThat(failure.getMessage())
                .contains("refuses to start outside the demo profile while default credentials exist")
                .containsPattern("\\d+ enabled account\\(s\\) still have the demo password")
                .contains("admin, ").contains("inspector, ").contains("system").contains("officer-so-noi-vu")
                .doesNotContain("database password");
    }

    @Test
    void theProductionProfileRefusesTheDefaultDatabasePassword() {
        withCleanSchema(url -> {
            Throwable failure = catchStartFailure(url, Map.of());
            assertThat(failure).isInstanceOf(InsecureStartupException.class);
            assertThat(failure.getMessage()).contains("the database password is the built-in default 'planledger'")
                    .doesNotContain("demo password");
        });
    }

    @Test
    void theProductionProfileStartsWithoutDefaultCredentialsAndRefusesOnceADemoPasswordIsSetByHand() {
        withCleanSchema(url -> {
            Map<String, Object> allow = Map.of("planledger.security.allow-default-database-password", "true");
            try (ConfigurableApplicationContext prod = start(url, allow)) {
                assertThat(prod.isRunning()).isTrue();
            }
            // a demo account name whose password is 'demo', put there without the demo profile (no default_password flag)
            String demoHash = jdbc.queryForObject("select password_hash from app_user where username = 'admin'", String.class);
            String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
            jdbc.update("insert into " + schema + ".app_user (username, password_hash, role) values ('admin', ?, 'PLAN_ADMIN')",
                    demoHash);
            Throwable failure = catchStartFailure(url, allow);
            assertThat(failure.getMessage()).contains("1 enabled account(s) still have the demo password (demo accounts "
                    + "are for the demo profile only): admin");
        });
    }

    @Test
    void afterTheDemoTheOperatorDisablesTheDemoAccountsAndAddsAnAdminThenProductionStarts() {
        withCleanSchema(url -> {
            Map<String, Object> allow = Map.of("planledger.security.allow-default-database-password", "true");
            try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(CommandSideApplication.class)
                    .run("--spring.datasource.url=" + url, "--server.port=0", "--spring.profiles.active=demo")) {
                assertThat(demo.isRunning()).isTrue();
            }
            assertThat(catchStartFailure(url, allow)).isInstanceOf(InsecureStartupException.class);

            Map<String, String> env = Owner.with(Map.of("PLANLEDGER_DB_URL", url, "PLANLEDGER_NEW_PASSWORD", "Keeper-of-the-plan-1"));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(UserCommand.run(java.util.List.of("user", "disable-demo"), env, print, print, () -> null)).isZero();
            assertThat(UserCommand.run(java.util.List.of("user", "add", "keeper", "--role", "PLAN_ADMIN"), env, print, print,
                    () -> null)).isZero();
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .containsPattern("disabled \\d+ account\\(s\\) with the demo password: admin, ")
                    .contains("added keeper (PLAN_ADMIN)");

            try (ConfigurableApplicationContext prod = start(url, allow)) {
                assertThat(prod.isRunning()).isTrue();
            }
        });
    }

    private Throwable catchStartFailure(String url, Map<String, Object> properties) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> start(url, properties).close()).satisfies(e -> caught[0] = e);
        return NestedExceptionUtils.getMostSpecificCause(caught[0]);
    }

    private static ConfigurableApplicationContext start(String url, Map<String, Object> properties) {
        // as command-line arguments, which win over application.yml and the environment, as they would for an operator
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--spring.datasource.url=" + url,
                "--server.port=0", "--spring.profiles.active=prod"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(CommandSideApplication.class).run(args.toArray(String[]::new));
    }

    /** A schema of its own, so the production start sees an empty account table; dropped afterwards. */
    private void withCleanSchema(java.util.function.Consumer<String> test) {
        String schema = "prodcheck_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        JdbcTemplate owner = Owner.jdbc(dbUrl);
        owner.execute("create schema " + schema);
        try {
            test.accept(dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            owner.execute("drop schema " + schema + " cascade");
        }
    }
}
