package org.planledger.security;

import java.util.ArrayList;
import java.util.List;
import org.planledger.shared.access.DemoAccount;
import org.planledger.shared.agency.AgencyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each profile does with accounts at start-up, after the migrations ran and before the service takes requests.
 * The demo profile adds the demo accounts; every other profile refuses to start while default credentials exist.
 */
public final class StartupChecks {

    /** The database password the launcher and docker-compose.yml use when none is given. */
    public static final String DEFAULT_DATABASE_PASSWORD = "planledger";
    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    private StartupChecks() {
    }

    /** Demo profile: every demo account exists (password {@code demoPassword}). */
    public static void seedDemoAccounts(UserAccounts accounts, String demoPassword) {
        int added = accounts.seedDemo(DemoAccount.roster(AgencyDirectory.standard()), demoPassword);
        LOG.info("demo profile: {} demo accounts added (admin, inspector, system, officer-<agencyId>)", added);
    }

    /** Any other profile: refuse to start while an account or the database uses a default password. */
    public static void refuseDefaultCredentials(UserAccounts accounts, String databasePassword,
            boolean allowDefaultDatabasePassword) {
        List<String> reasons = reasons(accounts.insecureAccounts(), databasePassword, allowDefaultDatabasePassword);
        if (!reasons.isEmpty()) {
            throw new InsecureStartupException(reasons);
        }
    }

    static List<String> reasons(List<String> insecureAccounts, String databasePassword, boolean allowDefaultDatabasePassword) {
        List<String> reasons = new ArrayList<>();
        if (!insecureAccounts.isEmpty()) {
            reasons.add(insecureAccounts.size() + " enabled account(s) still have the demo password (demo accounts are "
                    + "for the demo profile only): " + String.join(", ", insecureAccounts));
        }
        if (!allowDefaultDatabasePassword && DEFAULT_DATABASE_PASSWORD.equals(databasePassword)) {
            reasons.add("the database password is the built-in default '" + DEFAULT_DATABASE_PASSWORD
                    + "' (set PLANLEDGER_DB_PASSWORD)");
        }
        return reasons;
    }
}
