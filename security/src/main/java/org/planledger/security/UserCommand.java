package org.planledger.security;

import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code ./planledger user add|disable|enable|passwd|list}: manages accounts straight in PostgreSQL, with the same
 * rules as the admin API, so the first plan admin of a new installation can be created before any service runs.
 * Connects with PLANLEDGER_DB_URL, PLANLEDGER_DB_USER and PLANLEDGER_DB_PASSWORD and applies the event-store
 * migrations first. A new password comes from PLANLEDGER_NEW_PASSWORD or is asked for on the terminal.
 */
public final class UserCommand {

    static final String USAGE = """
            usage: ./planledger user add NAME --role ROLE [--agency AGENCY]
                   ./planledger user disable NAME | enable NAME | passwd NAME
                   ./planledger user list
                   ./planledger user disable-demo   (disable every account that still has the demo password)
              ROLE: PLAN_ADMIN, AGENCY_OFFICER (needs --agency: a directory id such as so-noi-vu), INSPECTOR, SYSTEM
              the password is read from PLANLEDGER_NEW_PASSWORD, or asked for twice on the terminal""";

    private UserCommand() {
    }

    public static void main(String[] args) {
        quietLogging();
        Console console = System.console();
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err, () -> {
            if (console == null) {
                return null;
            }
            char[] first = console.readPassword("new password: ");
            char[] second = console.readPassword("again: ");
            return first != null && second != null && Arrays.equals(first, second) ? new String(first) : "";
        }));
    }

    /**
     * Runs one command.
     *
     * @param prompt asks for a password on the terminal; answers null without a terminal, "" when the two entries differ
     * @return the exit status: 0 done, 1 refused, 2 usage
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, Supplier<String> prompt) {
        List<String> words = new ArrayList<>(args);
        if (!words.isEmpty() && words.get(0).equals("user")) {
            words.remove(0);
        }
        if (words.isEmpty() || words.contains("-h") || words.contains("--help")) {
            (words.isEmpty() ? err : out).println(USAGE);
            return words.isEmpty() ? 2 : 0;
        }
        String url = env.getOrDefault("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger");
        String user = env.getOrDefault("PLANLEDGER_DB_USER", "planledger");
        String password = env.getOrDefault("PLANLEDGER_DB_PASSWORD", StartupChecks.DEFAULT_DATABASE_PASSWORD);
        DriverManagerDataSource db = new DriverManagerDataSource(url, user, password);
        // migrations run as the tables' owner where there is one, as the services do
        DriverManagerDataSource owner = new DriverManagerDataSource(url, env.getOrDefault("PLANLEDGER_DB_OWNER", user),
                env.getOrDefault("PLANLEDGER_DB_OWNER_PASSWORD", password));
        Flyway.configure().dataSource(owner).locations("classpath:db/eventstore").table("schema_history_eventstore")
                .placeholders(Map.of("app_role", user)).load().migrate();
        UserAccounts accounts = new UserAccounts(new JdbcTemplate(db), new BCryptPasswordEncoder(),
                AgencyDirectory.standard(), env.getOrDefault("PLANLEDGER_DEMO_PASSWORD", "demo"));
        try {
            return execute(words, env, out, err, prompt, accounts);
        } catch (LedgerException e) {
            err.println("planledger: " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return 1;
        }
    }

    private static int execute(List<String> words, Map<String, String> env, PrintStream out, PrintStream err,
            Supplier<String> prompt, UserAccounts accounts) {
        String verb = words.get(0);
        if (verb.equals("list") && words.size() == 1) {
            out.printf("%-32s %-15s %-28s %-8s %-16s %s%n", "USERNAME", "ROLE", "AGENCY", "ENABLED", "DEMO-PASSWORD", "CREATED");
            for (UserAccounts.Account a : accounts.list()) {
                out.printf("%-32s %-15s %-28s %-8s %-16s %s%n", a.username(), a.role(), a.agencyId() == null ? "-" : a.agencyId(),
                        a.enabled() ? "yes" : "no", a.defaultPassword() ? "yes" : "no", a.createdAt().toLocalDate());
            }
            return 0;
        }
        if (verb.equals("disable-demo") && words.size() == 1) {
            List<String> disabled = accounts.disableDemoAccounts();
            out.println("disabled " + disabled.size() + " account(s) with the demo password"
                    + (disabled.isEmpty() ? "" : ": " + String.join(", ", disabled)));
            return 0;
        }
        if (words.size() < 2) {
            err.println(USAGE);
            return 2;
        }
        String name = words.get(1);
        switch (verb) {
            case "add" -> {
                String role = option(words, "--role");
                String agency = option(words, "--agency");
                if (role == null) {
                    err.println("planledger: user add needs --role\n" + USAGE);
                    return 2;
                }
                String password = password(env, prompt, err);
                if (password == null) {
                    return 1;
                }
                UserAccounts.Account a = accounts.add(name, role, agency, password);
                out.println("added " + a.username() + " (" + a.role() + (a.agencyId() == null ? "" : ", " + a.agencyId()) + ")");
            }
            case "disable" -> out.println("disabled " + accounts.disable(name).username());
            case "enable" -> out.println("enabled " + accounts.enable(name).username());
            case "passwd" -> {
                accounts.get(name);
                String password = password(env, prompt, err);
                if (password == null) {
                    return 1;
                }
                out.println("new password set for " + accounts.changePassword(name, password).username());
            }
            default -> {
                err.println(USAGE);
                return 2;
            }
        }
        return 0;
    }

    private static String option(List<String> words, String name) {
        int at = words.indexOf(name);
        return at >= 0 && at + 1 < words.size() ? words.get(at + 1) : null;
    }

    private static String password(Map<String, String> env, Supplier<String> prompt, PrintStream err) {
        String given = env.get("PLANLEDGER_NEW_PASSWORD");
        if (given != null && !given.isEmpty()) {
            return given;
        }
        String typed = prompt.get();
        if (typed == null) {
            err.println("planledger: no terminal to ask for the password: set PLANLEDGER_NEW_PASSWORD");
            return null;
        }
        if (typed.isEmpty()) {
            err.println("planledger: the two passwords differ (or are empty)");
            return null;
        }
        return typed;
    }

    /** A command-line tool: only warnings from the libraries (no Spring Boot logging set-up here). */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
