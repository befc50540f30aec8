package org.planledger.shared.access;

import java.util.ArrayList;
import java.util.List;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;

/**
 * The demo profile's accounts, the same on both services: {@code admin}, {@code inspector}, {@code system} and
 * {@code officer-<agencyId>} for every agency of the directory (groups excepted).
 */
public record DemoAccount(String username, Role role, String agencyId) {

    public static List<DemoAccount> roster(AgencyDirectory directory) {
        List<DemoAccount> accounts = new ArrayList<>();
        accounts.add(new DemoAccount("admin", Role.PLAN_ADMIN, null));
        accounts.add(new DemoAccount("inspector", Role.INSPECTOR, null));
        accounts.add(new DemoAccount("system", Role.SYSTEM, null));
        for (Agency agency : directory.all()) {
            if (!agency.isGroup()) {
                accounts.add(new DemoAccount("officer-" + agency.id(), Role.AGENCY_OFFICER, agency.id()));
            }
        }
        return List.copyOf(accounts);
    }

    /** The authorities Spring Security grants: the role and, for an officer, the agency. */
    public List<String> authorities() {
        return agencyId == null
                ? List.of("ROLE_" + role.name())
                : List.of("ROLE_" + role.name(), Role.AGENCY_AUTHORITY_PREFIX + agencyId);
    }
}
