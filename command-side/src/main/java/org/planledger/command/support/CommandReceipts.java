package org.planledger.command.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a command once per {@code Idempotency-Key}. The receipt row is inserted first (a concurrent request with the
 * same key waits on it), the command runs in the same transaction, and the result is stored with it: either both the
 * events and the receipt are committed or neither is. A retry gets the stored result; the same key with a different
 * request is refused.
 */
@Component
class CommandReceipts {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    CommandReceipts(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    /** The outcome, and whether it was replayed from an earlier request. */
    record Outcome(Object result, boolean replayed) {
    }

    Outcome once(String user, String key, Object command, Supplier<Object> send) {
        String fingerprint = fingerprint(command);
        return transaction.execute(status -> {
            int claimed = jdbc.update("""
                    insert into command_receipt (actor_user, idempotency_key, fingerprint) values (?, ?, ?)
                    on conflict (actor_user, idempotency_key) do nothing""", user, key, fingerprint);
            if (claimed == 0) {
                return replay(user, key, fingerprint);
            }
            Object result = send.get();
            jdbc.update("update command_receipt set result_type = ?, result = ? where actor_user = ? and idempotency_key = ?",
                    result == null ? null : result.getClass().getName(), write(result), user, key);
            return new Outcome(result, false);
        });
    }

    private Outcome replay(String user, String key, String fingerprint) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select fingerprint, result_type, result from command_receipt where actor_user = ? and idempotency_key = ?",
                user, key);
        Map<String, Object> receipt = rows.get(0);
        if (!fingerprint.equals(receipt.get("fingerprint"))) {
            throw new LedgerException(ErrorCode.RULE_BROKEN, "Idempotency-Key", "key-for-one-request",
                    "Idempotency-Key " + key + " was already used for a different request");
        }
        try {
            String type = (String) receipt.get("result_type");
            Object result = type == null ? null : json.readValue((String) receipt.get("result"), Class.forName(type));
            return new Outcome(result, true);
        } catch (JsonProcessingException | ClassNotFoundException e) {
            throw new IllegalStateException("unreadable command receipt for key " + key, e);
        }
    }

    private String fingerprint(Object command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (command.getClass().getName() + json.writeValueAsString(command)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint " + command, e);
        }
    }

    private String write(Object result) {
        try {
            return result == null ? null : json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store result " + result, e);
        }
    }
}
