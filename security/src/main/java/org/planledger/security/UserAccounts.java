package org.planledger.security;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.planledger.shared.access.DemoAccount;
import org.planledger.shared.access.Role;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The accounts both services sign users in with ({@code app_user}): user name, bcrypt hash, one role and, for an
 * agency officer, one directory agency. Used by the admin API, by {@code ./planledger user} and by the demo profile.
 */
public class UserAccounts {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** Passwords nobody may set, whatever the profile: they are the first an attacker tries. */
    private static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "password", "planledger", "admin", "changeme",
            "secret", "123456", "12345678", "1234567890", "qwerty");

    private static final RowMapper<Account> ACCOUNT = (rs, i) -> new Account(rs.getString("username"),
            Role.valueOf(rs.getString("role")), rs.getString("agency_id"), rs.getBoolean("enabled"),
            rs.getBoolean("default_password"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));
    private static final String COLUMNS = "username, role, agency_id, enabled, default_password, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final AgencyDirectory directory;
    private final String demoPassword;

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder passwords, AgencyDirectory directory, String demoPassword) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.directory = directory;
        this.demoPassword = demoPassword;
    }

    /** An account as listed: never its password hash. */
    public record Account(String username, Role role, String agencyId, boolean enabled, boolean defaultPassword,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public List<Account> list() {
        return jdbc.query("select " + COLUMNS + " from app_user order by username", ACCOUNT);
    }

    public Optional<Account> find(String username) {
        return jdbc.query("select " + COLUMNS + " from app_user where username = ?", ACCOUNT, username).stream().findFirst();
    }

    public Account get(String username) {
        return find(username).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_USER, "username", "user-exists",
                "no account " + username));
    }

    /**
     * Adds an enabled account.
     *
     * @param agency an officer's agency, by directory id or any known name; must be empty for every other role
     */
    public Account add(String username, String role, String agency, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "username", "pattern",
                    "username must be 2 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Role parsed = parseRole(role);
        String agencyId = agencyOf(parsed, agency);
        requireStrong(username, password);
        try {
            jdbc.update("insert into app_user (username, password_hash, role, agency_id) values (?, ?, ?, ?)",
                    username, passwords.encode(password), parsed.name(), agencyId);
        } catch (DuplicateKeyException e) {
            throw new LedgerException(ErrorCode.DUPLICATE, "username", "unique", "there is already an account " + username);
        }
        return get(username);
    }

    public Account disable(String username) {
        return setEnabled(username, false);
    }

    public Account enable(String username) {
        return setEnabled(username, true);
    }

    /** Disables every account that still holds the demo password; answers their names. */
    public List<String> disableDemoAccounts() {
        return jdbc.queryForList("""
                update app_user set enabled = false, updated_at = now() where enabled and default_password
                returning username""", String.class);
    }

    /** Whether disabling this account would leave no enabled plan admin. */
    public boolean isLastEnabledAdmin(String username) {
        Account account = get(username);
        return account.enabled() && account.role() == Role.PLAN_ADMIN && jdbc.queryForObject(
                "select count(*) from app_user where enabled and role = 'PLAN_ADMIN'", Integer.class) == 1;
    }

    public Account changePassword(String username, String password) {
        get(username);
        requireStrong(username, password);
        jdbc.update("update app_user set password_hash = ?, default_password = false, updated_at = now() where username = ?",
                passwords.encode(password), username);
        return get(username);
    }

    /**
     * The demo profile's accounts, idempotently: missing ones are added with {@code password}; existing ones that still
     * hold a demo password get this one (so a changed PLANLEDGER_DEMO_PASSWORD takes effect); nothing else changes
     * (a disabled demo account stays disabled). Safe when both services seed at the same moment.
     *
     * @return how many accounts were added
     */
    public int seedDemo(List<DemoAccount> roster, String password) {
        String hash = passwords.encode(password);
        int added = 0;
        for (DemoAccount account : roster) {
            added += jdbc.update("""
                    insert into app_user (username, password_hash, role, agency_id, default_password)
                    values (?, ?, ?, ?, true) on conflict (username) do nothing""",
                    account.username(), hash, account.role().name(), account.agencyId());
        }
        Map<String, Boolean> matches = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("select username, password_hash from app_user where default_password")) {
            String stored = (String) row.get("password_hash");
            if (!matches.computeIfAbsent(stored, h -> passwords.matches(password, h))) {
                jdbc.update("update app_user set password_hash = ?, updated_at = now() where username = ? and default_password",
                        hash, row.get("username"));
            }
        }
        return added;
    }

    /**
     * Why this database may not serve outside the demo profile: enabled accounts that still hold the demo password
     * (seeded by the demo profile, or a demo account name whose password is a default one).
     */
    public List<String> insecureAccounts() {
        List<String> found = new ArrayList<>(jdbc.queryForList(
                "select username from app_user where enabled and default_password order by username", String.class));
        Set<String> demoNames = new java.util.HashSet<>();
        DemoAccount.roster(directory).forEach(a -> demoNames.add(a.username()));
        Set<String> candidates = new java.util.LinkedHashSet<>(List.of("demo"));
        if (demoPassword != null && !demoPassword.isEmpty()) {
            candidates.add(demoPassword);
        }
        Map<String, Boolean> checked = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(
                "select username, password_hash from app_user where enabled and not default_password order by username")) {
            String username = (String) row.get("username");
            String hash = (String) row.get("password_hash");
            if (demoNames.contains(username) && checked.computeIfAbsent(hash,
                    h -> candidates.stream().anyMatch(p -> passwords.matches(p, h)))) {
                found.add(username);
            }
        }
        return found;
    }

    private Account setEnabled(String username, boolean enabled) {
        get(username);
        jdbc.update("update app_user set enabled = ?, updated_at = now() where username = ?", enabled, username);
        return get(username);
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "role", "one-of",
                    "role must be one of PLAN_ADMIN, AGENCY_OFFICER, INSPECTOR, SYSTEM, not " + role);
        }
    }

    private String agencyOf(Role role, String agency) {
        boolean given = agency != null && !agency.isBlank();
        if (role != Role.AGENCY_OFFICER) {
            if (given) {
                throw new LedgerException(ErrorCode.INVALID_FIELD, "agency", "only-officers",
                        "only an AGENCY_OFFICER is bound to an agency; a " + role + " has none");
            }
            return null;
        }
        if (!given) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "agency", "required-for-officers",
                    "an AGENCY_OFFICER acts for one agency: give its directory id (GET /api/agencies lists them)");
        }
        Agency found = directory.find(agency).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_AGENCY, "agency",
                "agency-known", "'" + agency + "' is not an agency of the directory (GET /api/agencies lists them)"));
        if (found.isGroup()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "agency", "not-a-group",
                    found.name() + " is a group of agencies; an officer acts for one of its members");
        }
        return found.id();
    }

    private void requireStrong(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "password", "min-length",
                    "a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (DEFAULT_PASSWORDS.contains(lower) || lower.equals(username) || password.equals(demoPassword)) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "password", "not-a-default",
                    "that password is a default or the user name; choose another");
        }
    }
}
