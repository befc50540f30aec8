package org.planledger.shared.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * The upcasters every reader of the event store applies, oldest change first. Each turns a stored version of an event
 * type into the next, so that the code only ever reads the current one; a stored example of every version is read
 * back through this chain by {@code StoredEventVersionsTest}.
 */
public final class LedgerUpcasters {

    private LedgerUpcasters() {
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new FirstRevision(), new ReportSubmittedAnswers());
    }

    /**
     * Events recorded before event types carried a revision (stored with none) are revision 1 of their type: the
     * payload is the same, only the revision is named.
     */
    static final class FirstRevision extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getRevision() == null
                    && EventCatalogue.typeNamed(representation.getType().getName()).isPresent();
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), "1"),
                    byte[].class, Function.identity());
        }
    }

    /**
     * {@code ReportSubmitted} revision 2 names the returned report it answers ({@code answers}); every report of
     * revision 1 was sent before reports could be returned, so it answers none.
     */
    static final class ReportSubmittedAnswers extends SingleEventUpcaster {

        private static final SimpleSerializedType R1 = new SimpleSerializedType("ReportSubmitted", "1");
        private static final SimpleSerializedType R2 = new SimpleSerializedType("ReportSubmitted", "2");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(R1);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(R2, JsonNode.class, payload -> {
                ObjectNode upcast = ((ObjectNode) payload).deepCopy();
                upcast.putNull("answers");
                return upcast;
            });
        }
    }
}
