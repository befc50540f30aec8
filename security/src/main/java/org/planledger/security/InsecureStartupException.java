package org.planledger.security;

import java.util.List;

/** A service outside the demo profile found default credentials and refuses to start. */
public class InsecureStartupException extends IllegalStateException {

    private final List<String> reasons;

    public InsecureStartupException(List<String> reasons) {
        super("Plan Ledger refuses to start outside the demo profile while default credentials exist:\n  - "
                + String.join("\n  - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
