package org.planledger.shared.ledger;

import java.io.ByteArrayOutputStream;
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
    private static final HexFormat HEX = HexFormat.of();

    private LedgerHash() {
    }

    /** The chain head before any event: 32 zero bytes. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        text(out, FORMAT);
        text(out, event.eventIdentifier());
        text(out, event.aggregateType());
        text(out, event.aggregateIdentifier());
        int64(out, event.sequenceNumber());
        text(out, event.timestamp());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        bytes(out, event.payload());
        bytes(out, event.metaData());
        return out.toByteArray();
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

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        if (value == null) {
            int32(out, NULL_LENGTH);
            return;
        }
        int32(out, value.length);
        out.writeBytes(value);
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void int64(ByteArrayOutputStream out, long value) {
        int32(out, (int) (value >>> 32));
        int32(out, (int) value);
    }
}
