package org.planledger.shared.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The plans transcribed into this module as data. */
public final class PlanDocuments {

    static final String SON_LA_2024 = "/org/planledger/shared/plan/sonla-cchc-2024.json";

    private PlanDocuments() {
    }

    /** The 81 activities of the Sơn La 2024 administrative-reform plan, read once from the bundled JSON. */
    public static PlanDocument sonLa2024() {
        return SonLa2024.DOCUMENT;
    }

    static PlanDocument read(String resource) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try (InputStream in = PlanDocuments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("plan resource not found: " + resource);
            }
            return mapper.readValue(in, PlanDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan resource " + resource, e);
        }
    }

    private static final class SonLa2024 {
        static final PlanDocument DOCUMENT = read(SON_LA_2024);
    }
}
