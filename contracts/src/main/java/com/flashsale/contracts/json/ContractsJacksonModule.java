package com.flashsale.contracts.json;

import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Instants in JSON as the same ISO-8601 strings Jackson writes by default, through
 * {@link IsoInstants}. Services register it as a bean; Spring Boot adds it to its JsonMapper.
 */
public final class ContractsJacksonModule extends SimpleModule {

    public ContractsJacksonModule() {
        super("flashsale-contracts");
        addSerializer(Instant.class, new InstantSerializer());
        addDeserializer(Instant.class, new InstantDeserializer());
    }

    static final class InstantSerializer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(IsoInstants.format(value));
        }
    }

    static final class InstantDeserializer extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString().trim();
            try {
                return IsoInstants.parse(text);
            } catch (DateTimeException e) {
                return (Instant)
                        ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s", e.getMessage());
            }
        }
    }
}
