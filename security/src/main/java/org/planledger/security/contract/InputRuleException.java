package org.planledger.security.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON value of the wrong kind or form: names the rule it breaks; Jackson adds the field's path. */
public class InputRuleException extends JsonMappingException {

    private final String rule;

    public InputRuleException(JsonParser parser, String rule, String message) {
        super(parser, message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
