package com.flashsale.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaBrokerFactory;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Kafka without Docker: the broker {@code @EmbeddedKafka} would start for the same attributes (a
 * KRaft broker in this JVM), built by spring-kafka-test's own factory from an {@code @EmbeddedKafka}
 * made of {@link TestKafka}'s values, so that the test sees exactly the broker it had before.
 */
final class EmbeddedBroker implements TestBroker {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Started; {@code resolver} resolves placeholders in the broker properties, as @EmbeddedKafka's do. */
    static EmbeddedBroker start(TestKafka kafka, Function<String, String> resolver) {
        return new EmbeddedBroker(EmbeddedKafkaBrokerFactory.create(asEmbeddedKafka(kafka), resolver));
    }

    static EmbeddedKafka asEmbeddedKafka(TestKafka kafka) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("partitions", kafka.partitions());
        attributes.put("topics", kafka.topics());
        attributes.put("brokerProperties", kafka.brokerProperties());
        return MergedAnnotation.of(EmbeddedKafka.class, attributes).synthesize();
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
