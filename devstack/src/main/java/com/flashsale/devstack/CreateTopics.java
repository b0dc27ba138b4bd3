package com.flashsale.devstack;

import com.flashsale.contracts.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of {@link Topics#all()} on a broker, with its partitions and cleanup policy.
 * Idempotent: topics that exist are left as they are (a warning says if their partitions differ).
 *
 * <p>Usage: {@code CreateTopics [bootstrapServers]}, or {@code FLASHSALE_KAFKA_BOOTSTRAP}.
 */
public final class CreateTopics {

    public static void main(String[] args) {
        String bootstrap = args.length > 0
                ? args[0]
                : Optional.ofNullable(System.getenv("FLASHSALE_KAFKA_BOOTSTRAP"))
                        .orElse("127.0.0.1:9092");
        try {
            create(bootstrap, Topics.all(), System.out);
        } catch (ExecutionException e) {
            fail(bootstrap, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(bootstrap, e);
        } catch (RuntimeException e) {
            fail(bootstrap, e);
        }
    }

    /**
     * Creates the missing topics, says so on {@code out} line by line and returns the last line (how
     * many topics are ready).
     */
    public static String create(String bootstrap, List<Topics.Spec> specs, java.io.PrintStream out)
            throws ExecutionException, InterruptedException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "flashsale-create-topics");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Spec spec : specs) {
                if (!existing.contains(spec.name())) {
                    missing.add(newTopic(spec));
                }
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    out.println("created topic " + describe(topic));
                } catch (ExecutionException e) {
                    // Another creator (a service, a second launcher) won the race: that is fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // Just-created topics may not be in the metadata yet: check the partitions of those that were there.
            List<Topics.Spec> present = specs.stream()
                    .filter(spec -> existing.contains(spec.name()))
                    .toList();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(
                                present.stream().map(Topics.Spec::name).toList())
                        .allTopicNames()
                        .get();
                for (Topics.Spec spec : present) {
                    int partitions = descriptions.get(spec.name()).partitions().size();
                    if (partitions != spec.partitions()) {
                        out.println("warning: topic " + spec.name() + " has " + partitions
                                + " partitions, the contract says " + spec.partitions());
                    }
                }
            }
            String ready = "topics ready: " + specs.size() + " (" + missing.size() + " created)";
            out.println(ready);
            return ready;
        }
    }

    /** The broker's default replication factor applies: 1 on the local broker, the cluster's own elsewhere. */
    static NewTopic newTopic(Topics.Spec spec) {
        Map<String, String> configs = new HashMap<>();
        configs.put(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (spec.retention() != null) {
            configs.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(spec.retention().toMillis()));
        }
        return new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(configs);
    }

    private static String describe(NewTopic topic) {
        return topic.name() + " (" + topic.numPartitions() + " partitions, " + topic.configs() + ")";
    }

    private static void fail(String bootstrap, Throwable e) {
        System.err.println(failure(bootstrap, e));
        System.exit(1);
    }

    /** The one line that says why the topics could not be created. */
    public static String failure(String bootstrap, Throwable e) {
        return "could not create the topics on " + bootstrap + ": "
                + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private CreateTopics() {}
}
