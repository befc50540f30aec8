package org.planledger.shared.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The ledger's hash chain, defined once for every service and for any independent verifier
 * ({@code docs/LEDGER-HASH.md} is the specification, with worked vectors that {@code LedgerHashTest} checks).
 * <ul>
 *   <li>{@code canonical(e)}: the format tag and the nine stored columns of {@code e} in a fixed order, each as a
 *       4-byte big-endian length followed by that many bytes (UTF-8 for text, raw bytes for payload and metadata);
 *       SQL NULL is the length {@code 0xFFFFFFFF} with no bytes; the sequence number is 8 bytes big-endian.</li>
 *   <li>{@code eventHash(e) = SHA-256(canonical(e))}</li>
 *   <li>{@code chain_n = SHA-256(chain_(n-1) || eventHash(e_n))}, over the events in global position order, starting
 *       from {@link #GENESIS} (32 zero bytes).</li>
 * </ul>
 */
public final class LedgerHash {

    /** The first field of every canonical form: names this format so a later one can never collide with it. */
    public static final String FORMAT = "planledger/event/v1";
    public static final int LENGTH = 32;
    private static final byte[] GENESIS = new byte[LENGTH];
    private static final int NULL_LENGTH = -1;
    /** The canonical form's fifth field: the sequence number, 8 bytes without a length. */
    private static final int SEQUENCE_FIELD = 4;
    private static final HexFormat HEX = HexFormat.of();

    private LedgerHash() {
    }

    /** The chain head before any event: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] canonical(StoredEvent event) {
        byte[][] fields = {utf8(FORMAT), utf8(event.eventIdentifier()), utf8(event.aggregateType()),
                utf8(event.aggregateIdentifier()), null, utf8(event.timestamp()), utf8(event.payloadType()),
                utf8(event.payloadRevision()), event.payload(), event.metaData()};
        int size = 8;
        for (int i = 0; i < fields.length; i++) {
            if (i != SEQUENCE_FIELD) {
                size += 4 + length(fields[i]);
            }
        }
        // big-endian, as the specification says; sized once (the ledger's verification hashes every event)
        ByteBuffer out = ByteBuffer.allocate(size);
        for (int i = 0; i < fields.length; i++) {
            if (i == SEQUENCE_FIELD) {
                out.putLong(event.sequenceNumber());
            } else if (fields[i] == null) {
                out.putInt(NULL_LENGTH);
            } else {
                out.putInt(fields[i].length).put(fields[i]);
            }
        }
        return out.array();
    }

    public static byte[] eventHash(StoredEvent event) {
        return sha256().digest(canonical(event));
    }

    public static byte[] chain(byte[] previous, byte[] eventHash) {
        if (previous.length != LENGTH || eventHash.length != LENGTH) {
            throw new IllegalArgumentException("chain and event hashes are " + LENGTH + " bytes");
        }
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(eventHash);
        return sha.digest();
    }

    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    /** Lower-case hexadecimal, 64 characters for a hash. */
    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Reads 64 hexadecimal characters (either case); anything else is an {@link IllegalArgumentException}. */
    public static byte[] fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a hash is " + 2 * LENGTH + " hexadecimal characters");
        }
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
