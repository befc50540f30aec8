package org.planledger.query.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Iterator;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Text as PostgreSQL can store it. The event store keeps payloads as bytes and holds any text a past version accepted;
 * {@code text} and {@code jsonb} columns cannot hold U+0000 (nor {@code \u0000} in JSON) and a lone surrogate has no
 * UTF-8 form. Such characters are written as U+FFFD, and the caller can tell that an event's text was altered for
 * storage, so a read model never drops an event it cannot store faithfully.
 */
@Component
public class Storable {

    /** What an unstorable character is written as. */
    public static final char REPLACEMENT = '\uFFFD';

    private final ObjectMapper plain;
    private final ObjectMapper json;

    Storable(ObjectMapper objectMapper) {
        this.plain = objectMapper;
        this.json = objectMapper.copy().registerModule(new SimpleModule("storable-text")
                .addSerializer(String.class, new StdSerializer<>(String.class) {
                    @Override
                    public void serialize(String value, JsonGenerator out, SerializerProvider provider) throws IOException {
                        out.writeString(text(value));
                    }
                }));
    }

    /** The text with every character PostgreSQL cannot store replaced by U+FFFD; null stays null. */
    public static String text(String value) {
        if (value == null || faithful(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether PostgreSQL stores the text as it is. */
    public static boolean faithful(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every text (values and field names) in the value's JSON form is stored as it is. */
    public boolean faithful(Object value) {
        return faithful((JsonNode) plain.valueToTree(value));
    }

    private static boolean faithful(JsonNode node) {
        if (node == null) {
            return true;
        }
        if (node.isTextual()) {
            return faithful(node.textValue());
        }
        Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!faithful(field.getKey()) || !faithful(field.getValue())) {
                return false;
            }
        }
        for (JsonNode element : node.isArray() ? node : java.util.List.<JsonNode>of()) {
            if (!faithful(element)) {
                return false;
            }
        }
        return true;
    }

    /** The value as JSON text that a {@code jsonb} column accepts. */
    public String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Named SQL parameters whose text values are written as PostgreSQL can store them. */
    public static MapSqlParameterSource parameters() {
        return new StorableParameters();
    }

    private static final class StorableParameters extends MapSqlParameterSource {

        @Override
        public MapSqlParameterSource addValue(String name, Object value) {
            if (value instanceof String text) {
                return super.addValue(name, text(text));
            }
            if (value instanceof String[] texts) {
                return super.addValue(name, java.util.Arrays.stream(texts).map(Storable::text).toArray(String[]::new));
            }
            return super.addValue(name, value);
        }
    }
}
