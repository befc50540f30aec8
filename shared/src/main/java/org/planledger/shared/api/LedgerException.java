package org.planledger.shared.api;

/**
 * A request the ledger refuses: which rule, on which field. Thrown by aggregates and by the HTTP layer, mapped to
 * problem+json by both services.
 */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final String rule;

    public LedgerException(ErrorCode code, String field, String rule, String message) {
        super(message);
        this.code = code;
        this.field = field;
        this.rule = rule;
    }

    public static LedgerException rule(String field, String rule, String message) {
        return new LedgerException(ErrorCode.RULE_BROKEN, field, rule, message);
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
