package com.flashsale.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in Docker: the compose file's {@code apache/kafka} image (KRaft, one node), with {@link
 * TestKafka}'s broker properties as the image's {@code KAFKA_*} variables and its topics created
 * through the admin API.
 */
final class KafkaContainerBroker implements TestBroker {

    /** The compose file's image (TestInfrastructureTest holds the two to each other). */
    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private KafkaContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static KafkaContainerBroker start(TestKafka kafka) {
        KafkaContainer container = new KafkaContainer(IMAGE)
                // As the embedded broker: topics created without a count get the test's.
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(kafka.partitions()));
        for (String property : kafka.brokerProperties()) {
            int equals = property.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("a broker property is key=value, not '" + property + "'");
            }
            container.withEnv(
                    variable(property.substring(0, equals).trim()),
                    property.substring(equals + 1).trim());
        }
        container.start();
        KafkaContainerBroker broker = new KafkaContainerBroker(container);
        try {
            broker.create(kafka.topics(), kafka.partitions());
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        return broker;
    }

    /**
     * The image's variable for a broker property: dots become {@code _}, underscores {@code __},
     * dashes {@code ___}, upper case, after {@code KAFKA_} (the apache/kafka image's rule).
     */
    static String variable(String property) {
        StringBuilder name = new StringBuilder("KAFKA_");
        for (char c : property.toCharArray()) {
            switch (c) {
                case '.' -> name.append('_');
                case '_' -> name.append("__");
                case '-' -> name.append("___");
                default -> name.append(c);
            }
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    private void create(String[] topics, int partitions) {
        if (topics.length == 0) {
            return;
        }
        List<NewTopic> newTopics = Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, partitions, (short) 1))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the test topics " + Arrays.toString(topics), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the test topics", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
