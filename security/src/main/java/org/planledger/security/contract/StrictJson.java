package org.planledger.security.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * How request bodies are read (responses and the event store keep the service's own mapper): JSON types as declared
 * (no number or boolean read as text, no text as a number, no float as an integer, no integer as a date), text in
 * Unicode NFC, dates exactly {@code YYYY-MM-DD} between {@value TextRules#FIRST_YEAR} and {@value TextRules#LAST_YEAR},
 * instants ISO-8601 with an offset, no unknown or duplicated field, nothing after the JSON value.
 */
public final class StrictJson {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private StrictJson() {
    }

    /** A copy of the service's mapper that reads requests strictly. */
    public static ObjectMapper of(ObjectMapper service) {
        ObjectMapper strict = service.copy();
        SimpleModule module = new SimpleModule("planledger-strict-json");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(LocalDate.class, new DateDeserializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        strict.registerModule(module);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return strict;
    }

    /** A mapper with only the strict reading, for tests and tools. */
    public static ObjectMapper standalone() {
        return of(JsonMapper.builder().findAndAddModules().build());
    }

    static final class TextDeserializer extends StdScalarDeserializer<String> {
        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InputRuleException(p, "type:string", "must be a JSON string");
            }
            return Normalizer.normalize(p.getText(), Normalizer.Form.NFC);
        }
    }

    static final class DateDeserializer extends StdScalarDeserializer<LocalDate> {
        DateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
            if (text == null || !DATE.matcher(text).matches()) {
                throw new InputRuleException(p, "iso-date", "must be a date written YYYY-MM-DD");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw new InputRuleException(p, "iso-date", "must be a date of the calendar written YYYY-MM-DD");
            }
            if (date.getYear() < TextRules.FIRST_YEAR || date.getYear() > TextRules.LAST_YEAR) {
                throw new InputRuleException(p, "date-range", "must be a date from " + TextRules.FIRST_YEAR + "-01-01 to "
                        + TextRules.LAST_YEAR + "-12-31");
            }
            return date;
        }
    }

    static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    return OffsetDateTime.parse(p.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
            } catch (DateTimeException e) {
                // refused below
            }
            throw new InputRuleException(p, "iso-instant", "must be an ISO-8601 instant with an offset, e.g. 2024-06-20T10:15:00Z");
        }
    }
}
