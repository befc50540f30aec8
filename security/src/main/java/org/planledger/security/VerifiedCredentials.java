package org.planledger.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * Credentials bcrypt has already accepted, so that a client sending HTTP Basic on every request pays bcrypt once per
 * {@code ttl}, not on every request. Keyed by HMAC-SHA256 of (user name, password) under a random key made when the
 * process starts: neither the password nor anything that can be checked against it outside this process is kept.
 *
 * <p>An entry is used only while the account, read from PostgreSQL at that request, still has the very bcrypt hash the
 * password was verified against and is enabled; otherwise it is dropped and the password is checked again in full.
 * A disabled account, a new password (set by this instance, the other service or {@code ./planledger user}) or a
 * different account of the same name therefore ends the entry at the next request. Role and agency are read at each
 * request too. The login lock is checked before this cache is asked (see {@link ThrottledAuthentication}).
 */
final class VerifiedCredentials {

    /** The account as it is now: what decides whether a remembered credential still holds. */
    record AccountState(String passwordHash, boolean enabled, List<String> authorities) {
    }

    /** Reads an account's current state (empty: no such account). */
    interface Accounts {
        Optional<AccountState> current(String username);
    }

    private record Entry(String username, String passwordHash) {
    }

    private final Cache<String, Entry> verified;
    private final Accounts accounts;
    private final SecretKeySpec key;

    VerifiedCredentials(Accounts accounts, Duration ttl, long maxEntries) {
        this.accounts = accounts;
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The authentication for a credential verified earlier, if it still holds for the account as it is now. */
    Optional<Authentication> recall(Authentication attempt) {
        String name = attempt.getName();
        String id = keyOf(name, attempt.getCredentials());
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = verified.getIfPresent(id);
        if (entry == null || !entry.username().equals(name)) {
            return Optional.empty();
        }
        Optional<AccountState> state = accounts.current(name);
        if (state.isEmpty() || !state.get().enabled() || !state.get().passwordHash().equals(entry.passwordHash())) {
            verified.invalidate(id);
            return Optional.empty();
        }
        var authorities = AuthorityUtils.createAuthorityList(state.get().authorities());
        User principal = new User(name, "", authorities);
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
    }

    /** Remembers a credential bcrypt has just accepted against {@code passwordHash}. */
    void remember(Authentication attempt, String passwordHash) {
        String id = keyOf(attempt.getName(), attempt.getCredentials());
        if (id != null && passwordHash != null) {
            verified.put(id, new Entry(attempt.getName(), passwordHash));
        }
    }

    /** Forgets every credential of this user name held by this process (e.g. after a failed login for it). */
    void forget(String username) {
        verified.asMap().values().removeIf(e -> e.username().equals(username));
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private String keyOf(String username, Object credentials) {
        if (username == null || !(credentials instanceof String password)) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] name = username.getBytes(StandardCharsets.UTF_8);
            // length-prefixed, so that ("ab", "c") and ("a", "bc") differ
            mac.update(ByteBuffer.allocate(4).putInt(name.length).array());
            mac.update(name);
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
