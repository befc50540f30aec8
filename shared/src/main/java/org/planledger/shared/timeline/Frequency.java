package org.planledger.shared.timeline;

/** How often a recurring reporting obligation falls due. */
public enum Frequency {
    MONTHLY,
    QUARTERLY,
    HALF_YEARLY,
    YEARLY
}
