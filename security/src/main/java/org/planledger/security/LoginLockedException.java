package org.planledger.security;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/** Sign-in refused because the user name failed too often lately; it is accepted again from {@link #until()}. */
public class LoginLockedException extends LockedException {

    private final transient Instant until;

    public LoginLockedException(String username, Instant until) {
        super("too many failed logins for " + username + "; try again after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
