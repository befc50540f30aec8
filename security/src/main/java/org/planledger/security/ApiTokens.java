package org.planledger.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.planledger.shared.access.Role;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Personal API tokens ({@code api_token}): {@code plt_} followed by 32 random bytes in base64url, 47 characters. The
 * token is answered once, by {@link #issue}; only its SHA-256 is stored. A token acts with its user's role and agency
 * as they are at each request, and stops working at once when it expires, is revoked or its account is disabled.
 */
public class ApiTokens {

    public static final String PREFIX = "plt_";
    private static final int RANDOM_BYTES = 32;
    /** A label's most characters (the column and the OpenAPI schema say the same). */
    public static final int MAX_LABEL = 100;
    /** last_used_at is written at most this often per token, so a busy token does not write on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final RowMapper<Token> TOKEN = (rs, i) -> new Token(rs.getObject("id", UUID.class),
            rs.getString("username"), rs.getString("label"), instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("expires_at", OffsetDateTime.class)),
            instant(rs.getObject("last_used_at", OffsetDateTime.class)),
            instant(rs.getObject("revoked_at", OffsetDateTime.class)));
    private static final String COLUMNS = "id, username, label, created_at, expires_at, last_used_at, revoked_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token as listed: never its secret nor its hash. {@code expiresAt}, {@code lastUsedAt}, {@code revokedAt} may be null. */
    public record Token(UUID id, String username, String label, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
            Instant revokedAt) {
    }

    /** What {@link #issue} answers: the only time the secret is seen. */
    public record IssuedToken(String token, Token details) {
        @Override
        public String toString() {
            return "IssuedToken[" + details + "]";
        }
    }

    /** The account a valid token acts for, as it is now. */
    public record Holder(UUID tokenId, String username, Role role, String agencyId) {
    }

    /**
     * Issues a token for an existing account.
     *
     * @param ttl how long it is valid; null for a token that lasts until revoked
     */
    public IssuedToken issue(String username, String label, Duration ttl) {
        String trimmed = label == null ? "" : label.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "label", "length",
                    "a token's label has 1 to " + MAX_LABEL + " characters (it says what the token is for)");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "ttl", "positive", "a token's lifetime must be positive");
        }
        if (jdbc.queryForObject("select count(*) from app_user where username = ?", Integer.class, username) == 0) {
            throw new LedgerException(ErrorCode.UNKNOWN_USER, "username", "user-exists", "no account " + username);
        }
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = utc(clock.instant());
        jdbc.update("insert into api_token (id, token_hash, username, label, created_at, expires_at) values (?, ?, ?, ?, ?, ?)",
                id, sha256(token), username, trimmed, now, ttl == null ? null : now.plus(ttl));
        return new IssuedToken(token, get(id));
    }

    /** The user's tokens, newest first, revoked and expired ones included. */
    public List<Token> list(String username) {
        return jdbc.query("select " + COLUMNS + " from api_token where username = ? order by created_at desc, id",
                TOKEN, username);
    }

    /** Revokes one of the user's tokens (revoking it again changes nothing). */
    public Token revoke(String username, UUID id) {
        Token token = find(id).filter(t -> t.username().equals(username)).orElseThrow(() -> new LedgerException(
                ErrorCode.UNKNOWN_TOKEN, "id", "token-exists", username + " has no token " + id));
        jdbc.update("update api_token set revoked_at = ? where id = ? and revoked_at is null", utc(clock.instant()), id);
        return get(token.id());
    }

    public Optional<Token> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from api_token where id = ?", TOKEN, id).stream().findFirst();
    }

    /**
     * The account a presented token acts for, if the token is known, not revoked, not expired.
     *
     * @return empty for an unknown, revoked or expired token; a holder whose account may be disabled otherwise
     */
    Optional<Presented> check(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Presented> found = jdbc.query("""
                select t.id, t.last_used_at, u.username, u.role, u.agency_id, u.enabled from api_token t
                join app_user u on u.username = t.username
                where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?)""",
                (rs, i) -> new Presented(new Holder(rs.getObject("id", UUID.class), rs.getString("username"),
                        Role.valueOf(rs.getString("role")), rs.getString("agency_id")), rs.getBoolean("enabled"),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class))),
                sha256(token), utc(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Presented presented = found.get(0);
        if (presented.enabled() && (presented.lastUsedAt() == null
                || presented.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION)))) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", utc(now), presented.holder().tokenId());
        }
        return Optional.of(presented);
    }

    record Presented(Holder holder, boolean enabled, Instant lastUsedAt) {
    }

    private Token get(UUID id) {
        return find(id).orElseThrow();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The authorities a token's holder acts with, the same a password sign-in gives. */
    static List<String> authorities(Holder holder) {
        List<String> authorities = new ArrayList<>();
        authorities.add("ROLE_" + holder.role().name());
        if (holder.agencyId() != null) {
            authorities.add(Role.AGENCY_AUTHORITY_PREFIX + holder.agencyId());
        }
        return authorities;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
