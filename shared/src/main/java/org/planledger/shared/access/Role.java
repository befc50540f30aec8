package org.planledger.shared.access;

/** The roles of the ledger. Spring Security sees them as authorities {@code ROLE_<name>}. */
public enum Role {
    /** Keeps the plan: creates plans, registers, assigns, reschedules, cancels, reviews the reports agencies send. */
    PLAN_ADMIN,
    /** Acts for one agency: submits reports and completes milestones of its activities. */
    AGENCY_OFFICER,
    /** Reads everything, writes nothing. */
    INSPECTOR,
    /** The ledger itself, e.g. loading a plan file. */
    SYSTEM;

    /** The authority that carries an officer's agency: {@code AGENCY_<agencyId>}. */
    public static final String AGENCY_AUTHORITY_PREFIX = "AGENCY_";
}
