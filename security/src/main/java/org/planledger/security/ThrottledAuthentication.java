package org.planledger.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Password sign-in (HTTP Basic and the login form) through the account store, refused while the user name is locked
 * by the {@link LoginThrottle}; every bad password counts, whether or not the name exists. A credential bcrypt has
 * accepted is remembered by {@link VerifiedCredentials} (which re-reads the account at every request), so a client
 * that sends it again is not checked with bcrypt again; the lock is checked first, whatever the cache holds.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginThrottle throttle, VerifiedCredentials verified) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.verified = verified;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        boolean earlierFailures;
        try {
            earlierFailures = throttle.requireNotLocked(name);
        } catch (LoginLockedException e) {
            verified.forget(name);
            throw e;
        }
        Optional<Authentication> known = verified.recall(authentication);
        Authentication result;
        if (known.isPresent()) {
            result = known.get();
        } else {
            try {
                result = passwords.authenticate(authentication);
            } catch (BadCredentialsException e) {
                throttle.failed(name);
                throw e;
            }
            if (result != null && result.getPrincipal() instanceof UserDetails account) {
                verified.remember(authentication, account.getPassword());
            }
        }
        if (earlierFailures) {
            throttle.succeeded(name);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
