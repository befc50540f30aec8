package org.planledger.query.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.planledger.query.ledger.StoredEventRows.Row;
import org.planledger.query.ledger.Verification.DigestCheck;
import org.planledger.query.ledger.Verification.Guard;
import org.planledger.query.ledger.Verification.Kind;
import org.planledger.query.ledger.Verification.Mismatch;
import org.planledger.shared.ledger.LedgerHash;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain from the stored events and compares it, position by position, with the sealed chain.
 * <p>
 * Both tables are read through forward-only server-side cursors ({@code fetchSize} rows per round trip) in one
 * read-only repeatable-read transaction, and merged in position order: memory holds one fetch of each, whatever the
 * size of the ledger. Only at the first mismatch does it look further (one indexed lookup) to say what kind it is.
 * One verification runs at a time; further requests wait their turn.
 */
@Component
class LedgerVerifier {

    private static final String CHAIN = """
            select global_index, aggregate_identifier, sequence_number, event_hash, chain_hash
            from ledger_chain where global_index <= ? order by global_index""";

    private final DataSource dataSource;
    private final LedgerSettings settings;
    private final Semaphore oneAtATime = new Semaphore(1, true);

    LedgerVerifier(DataSource dataSource, LedgerSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** A digest to check: the chain head the ledger published for {@code position}. */
    record Claim(long position, byte[] digest) {
    }

    private record Link(long position, String aggregateIdentifier, long sequenceNumber, byte[] eventHash, byte[] chainHash) {
    }

    /** The position the chain is sealed up to now (0 before the first seal). */
    long sealedPosition() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement head = connection.prepareStatement("select coalesce(max(global_index), 0) from ledger_chain");
             ResultSet rs = head.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the ledger to verify it", e);
        }
    }

    /** Verifies the chain as sealed now. */
    Verification verify(Claim claim) {
        return verify(claim, Long.MAX_VALUE);
    }

    /**
     * Verifies the chain as sealed up to {@code upTo} (the sealed position the verification reports): a seal that
     * commits meanwhile is left to the next verification.
     */
    Verification verify(Claim claim, long upTo) {
        oneAtATime.acquireUninterruptibly();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return walk(connection, claim, upTo, started);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the ledger to verify it", e);
        } finally {
            oneAtATime.release();
        }
    }

    private Verification walk(Connection connection, Claim claim, long upTo, long started) throws SQLException {
        long sealedPosition = 0;
        byte[] sealedHead = LedgerHash.genesis();
        try (PreparedStatement head = connection.prepareStatement(
                "select global_index, chain_hash from ledger_chain where global_index <= ? order by global_index desc limit 1")) {
            head.setLong(1, upTo);
            try (ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    sealedPosition = rs.getLong(1);
                    sealedHead = rs.getBytes(2);
                }
            }
        }
        long limit = claim == null ? sealedPosition : Math.max(sealedPosition, claim.position());

        byte[] chain = LedgerHash.genesis();
        byte[] chainAtClaim = LedgerHash.genesis();
        long checked = 0;
        Mismatch first = null;
        try (PreparedStatement eventQuery = cursor(connection, StoredEventRows.SELECT
                     + " where global_index <= ? order by global_index", limit);
             PreparedStatement chainQuery = cursor(connection, CHAIN, sealedPosition);
             ResultSet eventRows = eventQuery.executeQuery();
             ResultSet chainRows = chainQuery.executeQuery()) {
            Row event = nextEvent(eventRows);
            Link link = nextLink(chainRows);
            while (event != null || link != null) {
                long position = Math.min(event == null ? Long.MAX_VALUE : event.position(),
                        link == null ? Long.MAX_VALUE : link.position());
                Row eventHere = event != null && event.position() == position ? event : null;
                Link linkHere = link != null && link.position() == position ? link : null;
                byte[] eventHash = null;
                if (eventHere != null) {
                    eventHash = LedgerHash.eventHash(eventHere.event());
                    chain = LedgerHash.chain(chain, eventHash);
                }
                if (first == null && position <= sealedPosition) {
                    checked += eventHere == null ? 0 : 1;
                    first = compare(connection, position, eventHere, linkHere, eventHash, chain);
                }
                if (claim != null && position <= claim.position()) {
                    chainAtClaim = chain;
                }
                if (first != null && (claim == null || position >= claim.position())) {
                    break;
                }
                if (eventHere != null) {
                    event = nextEvent(eventRows);
                }
                if (linkHere != null) {
                    link = nextLink(chainRows);
                }
            }
        }

        DigestCheck digest = claim == null ? null : checkDigest(connection, claim, chainAtClaim);
        boolean verified = first == null && (digest == null || digest.confirmed());
        return Verification.ofChain(verified, sealedPosition, LedgerHash.hex(sealedHead), checked,
                unsealed(connection, sealedPosition), first, digest, guard(connection),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Null when the event and the chain record at this position agree; otherwise what is wrong. */
    private Mismatch compare(Connection connection, long position, Row event, Link link, byte[] eventHash, byte[] chain)
            throws SQLException {
        if (event != null && link != null) {
            if (LedgerHash.same(eventHash, link.eventHash())) {
                if (LedgerHash.same(chain, link.chainHash())) {
                    return null;
                }
                return mismatch(position, event, eventHash, Kind.ALTERED, "the event matches its sealed hash, but the chain record "
                        + "at this position does not follow from the one before it: the chain record was altered",
                        null, link);
            }
            Long sealedAt = positionSealedWith(connection, eventHash, position);
            if (sealedAt != null) {
                return mismatch(position, event, eventHash, Kind.REORDERED, "this event was sealed at position " + sealedAt,
                        sealedAt, link);
            }
            if (event.event().aggregateIdentifier().equals(link.aggregateIdentifier())
                    && event.event().sequenceNumber() == link.sequenceNumber()) {
                return mismatch(position, event, eventHash, Kind.ALTERED, "the event's stored columns (payload, metadata, "
                        + "timestamp, type, revision or identifier) no longer hash to the value sealed for it", null, link);
            }
            Long sealedEventNow = positionOf(connection, link.aggregateIdentifier(), link.sequenceNumber());
            if (sealedEventNow != null) {
                return mismatch(position, event, eventHash, Kind.REORDERED, "the event sealed here (" + link.aggregateIdentifier()
                        + " #" + link.sequenceNumber() + ") now stands at position " + sealedEventNow
                        + ", and an event that was never sealed stands here", sealedEventNow, link);
            }
            return mismatch(position, event, eventHash, Kind.ALTERED, "an event that was never sealed stands where "
                    + link.aggregateIdentifier() + " #" + link.sequenceNumber() + " was sealed", null, link);
        }
        if (link != null) {
            Long now = positionOf(connection, link.aggregateIdentifier(), link.sequenceNumber());
            String detail = now == null ? "the event sealed at this position is gone"
                    : "the event sealed at this position now stands at position " + now;
            return new Mismatch(position, link.aggregateIdentifier(), link.sequenceNumber(),
                    now == null ? Kind.MISSING : Kind.REORDERED, detail, now, LedgerHash.hex(link.eventHash()), null);
        }
        Long sealedAt = positionSealedWith(connection, eventHash, position);
        if (sealedAt != null) {
            return mismatch(position, event, eventHash, Kind.REORDERED, "this event was sealed at position " + sealedAt, sealedAt, null);
        }
        return mismatch(position, event, eventHash, Kind.INSERTED,
                "no event stood at this position when the chain was sealed past it (or its chain record was removed)",
                null, null);
    }

    private static Mismatch mismatch(long position, Row event, byte[] eventHash, Kind kind, String detail, Long other,
            Link link) {
        return new Mismatch(position, event.event().aggregateIdentifier(), event.event().sequenceNumber(), kind, detail,
                other, link == null ? null : LedgerHash.hex(link.eventHash()), LedgerHash.hex(eventHash));
    }

    private DigestCheck checkDigest(Connection connection, Claim claim, byte[] recomputed) throws SQLException {
        Instant publishedAt = null;
        try (PreparedStatement kept = connection.prepareStatement(
                "select published_at from ledger_digest where position = ? and digest = ?")) {
            kept.setLong(1, claim.position());
            kept.setBytes(2, claim.digest());
            try (ResultSet rs = kept.executeQuery()) {
                if (rs.next()) {
                    publishedAt = rs.getObject(1, OffsetDateTime.class).toInstant();
                }
            }
        }
        return new DigestCheck(claim.position(), LedgerHash.hex(claim.digest()),
                LedgerHash.same(recomputed, claim.digest()), LedgerHash.hex(recomputed), publishedAt);
    }

    private static Long positionSealedWith(Connection connection, byte[] eventHash, long besides) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select global_index from ledger_chain where event_hash = ? and global_index <> ? order by global_index limit 1")) {
            query.setBytes(1, eventHash);
            query.setLong(2, besides);
            return firstLong(query);
        }
    }

    private static Long positionOf(Connection connection, String aggregate, long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select global_index from domain_event_entry where aggregate_identifier = ? and sequence_number = ?")) {
            query.setString(1, aggregate);
            query.setLong(2, sequence);
            return firstLong(query);
        }
    }

    private static long unsealed(Connection connection, long sealedPosition) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from domain_event_entry where global_index > ?")) {
            query.setLong(1, sealedPosition);
            Long count = firstLong(query);
            return count == null ? 0 : count;
        }
    }

    /** Whether PostgreSQL still refuses changes to the ledger's tables, and whether this service's role could stop it. */
    static Guard guard(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select current_user,
                       not exists (select 1 from pg_trigger t where t.tgrelid = any (tables.oids)
                                   and not t.tgisinternal and t.tgenabled = 'D'),
                       (select rolsuper from pg_roles where rolname = current_user)
                       or exists (select 1 from pg_class c where c.oid = any (tables.oids)
                                  and pg_has_role(current_user, c.relowner, 'USAGE'))
                from (select array['domain_event_entry'::regclass, 'ledger_chain'::regclass,
                                   'ledger_digest'::regclass]::oid[] as oids) tables""");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            return new Guard(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3));
        }
    }

    private PreparedStatement cursor(Connection connection, String sql, long limit) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(settings.fetchSize());
        statement.setLong(1, limit);
        return statement;
    }

    private static Row nextEvent(ResultSet rs) throws SQLException {
        return rs.next() ? StoredEventRows.map(rs) : null;
    }

    private static Link nextLink(ResultSet rs) throws SQLException {
        return rs.next() ? new Link(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getBytes(5)) : null;
    }

    private static Long firstLong(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}
