package org.planledger.shared.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.planledger.shared.api.LedgerEvent;

/**
 * Axon's Jackson serializer with the stable type names of the {@link EventCatalogue}: events are stored as
 * {@code ActivityAssigned} with their {@code @Revision}, not as a Java class name. It is strict both ways: a ledger
 * event type missing from the catalogue cannot be stored, and a stored name the catalogue does not know cannot be read
 * (it is an error, never an unknown payload passed over). Only Axon's own types (the metadata) keep Axon's naming.
 */
public final class LedgerSerializer extends JacksonSerializer {

    private LedgerSerializer(Builder builder) {
        super(builder);
    }

    public static LedgerSerializer using(ObjectMapper objectMapper) {
        return new LedgerSerializer(JacksonSerializer.builder().objectMapper(objectMapper));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        if (type != null && LedgerEvent.class.isAssignableFrom(type) && EventCatalogue.nameOf(type).isEmpty()) {
            throw new IllegalArgumentException("event type " + type.getSimpleName() + " has no stored name in the "
                    + "EventCatalogue");
        }
        return EventCatalogue.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    public Class classForType(SerializedType type) {
        if (EventCatalogue.typeNamed(type.getName()).isEmpty() && !axonsOwn(type.getName())
                && !SerializedType.emptyType().equals(type)) {
            throw new SerializationException("stored event type " + type.getName() + " (revision "
                    + type.getRevision() + ") is not in the EventCatalogue: an upcaster or a catalogue entry is missing");
        }
        return super.classForType(type);
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return EventCatalogue.typeNamed(serializedType.getName())
                .map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }

    private static boolean axonsOwn(String name) {
        return name.startsWith("org.axonframework.");
    }
}
