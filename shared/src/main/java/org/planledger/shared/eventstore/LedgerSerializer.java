package org.planledger.shared.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer with the stable type names of the {@link EventCatalogue}: events are stored as
 * {@code ActivityAssigned}, not as a Java class name. Anything outside the catalogue (tokens, snapshots, metadata)
 * keeps Axon's default naming.
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
        return EventCatalogue.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return EventCatalogue.typeNamed(serializedType.getName())
                .map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
