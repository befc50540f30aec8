package org.planledger.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why the service refused to start and what to do, instead of a bare stack trace. */
class InsecureStartupFailureAnalyzer extends AbstractFailureAnalyzer<InsecureStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), """
                Outside the demo profile no account may keep the demo password. Disable them all with
                  ./planledger user disable-demo
                (or one by one: ./planledger user disable NAME, or give one a new password: ./planledger user passwd NAME),
                and create your own accounts with ./planledger user add NAME --role ROLE [--agency ID].
                Set PLANLEDGER_DB_PASSWORD to the database's real password (not the built-in default), or, for a
                database nobody else can reach, PLANLEDGER_ALLOW_DEFAULT_DB_PASSWORD=true.
                To try the ledger with demo accounts, run with SPRING_PROFILES_ACTIVE=demo.""", cause);
    }
}
