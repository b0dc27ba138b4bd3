package com.flashsale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class KubernetesManifestsTest {

    private static final List<String> SERVICES = List.of("catalog-service", "order-processor", "edge-api");
    private final List<Manifest> manifests = Manifest.under(Manifest.k8s());

    @Test
    void everyManifestMatchesTheSchemaOfItsKind() {
        assertThat(manifests).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        manifests.forEach(m -> problems.addAll(KindSchemas.problems(m)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceDeploymentProbesLivenessAndReadinessAndDeclaresItsResources() {
        List<Manifest> deployments = ofKind("Deployment");
        assertThat(deployments).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(SERVICES);
        List<String> problems = new ArrayList<>();
        deployments.forEach(d -> problems.addAll(KindSchemas.policyProblems(d)));
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspelledFieldIsRefused() {
        Manifest deployment = named("Deployment", "order-processor");
        ObjectNode container = firstContainer(deployment);
        container.set("livenesProbe", container.remove("livenessProbe"));

        assertThat(KindSchemas.problems(deployment)).anyMatch(p -> p.contains("livenesProbe"));
        assertThat(KindSchemas.policyProblems(deployment)).anyMatch(p -> p.contains("livenessProbe"));
    }

    @Test
    void aDeploymentWithoutItsReadinessProbeIsRefused() {
        Manifest deployment = named("Deployment", "edge-api");
        firstContainer(deployment).remove("readinessProbe");

        assertThat(KindSchemas.problems(deployment)).isEmpty();
        assertThat(KindSchemas.policyProblems(deployment)).anyMatch(p -> p.contains("readinessProbe"));
    }

    @Test
    void aProbeOnTheWrongPathIsRefused() {
        Manifest deployment = named("Deployment", "catalog-service");
        ((ObjectNode) firstContainer(deployment).path("livenessProbe").path("httpGet")).put("path", "/actuator/health");

        assertThat(KindSchemas.policyProblems(deployment)).anyMatch(p -> p.contains("livenessProbe"));
    }

    @Test
    void wrongTypesAndUnknownFieldsInCustomResourcesAreRefused() {
        Manifest topic = ofKind("KafkaTopic").get(0);
        ((ObjectNode) topic.node().path("spec")).put("partitions", "twelve");
        assertThat(KindSchemas.problems(topic)).anyMatch(p -> p.contains("partitions"));

        Manifest database = ofKind("Cluster").get(0);
        ((ObjectNode) database.node().path("spec")).put("replicas", 3);
        assertThat(KindSchemas.problems(database)).anyMatch(p -> p.contains("replicas"));

        Manifest kafka = ofKind("Kafka").get(0);
        ((ObjectNode) kafka.node().path("spec").path("kafka")).remove("listeners");
        assertThat(KindSchemas.problems(kafka)).anyMatch(p -> p.contains("listeners"));
    }

    @Test
    void aKindWithoutASchemaIsRefused() {
        Manifest deployment = named("Deployment", "edge-api");
        ((ObjectNode) deployment.node()).put("apiVersion", "apps/v1beta1");

        assertThat(KindSchemas.problems(deployment)).singleElement().asString().contains("no schema for");
    }

    @Test
    void theKustomizationListsEveryManifestButTheSecretTemplates() throws Exception {
        JsonNode kustomization = Manifest.YAML.readTree(
                Manifest.k8s().resolve("kustomization.yaml").toFile());
        Set<Path> listed = new HashSet<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = Manifest.k8s().resolve(resource.asString());
            assertThat(file).as("kustomization resource").exists();
            listed.add(file);
        }
        Set<Path> files = manifests.stream()
                .map(Manifest::file)
                .filter(f -> !f.startsWith(Manifest.k8s().resolve("secrets")))
                .collect(Collectors.toSet());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void theTopicsAreThoseOfTheContractWithThreeReplicasAndTwoInSync() {
        Map<String, JsonNode> topics = new HashMap<>();
        for (Manifest topic : ofKind("KafkaTopic")) {
            topics.put(topic.node().path("spec").path("topicName").asString(), topic.node());
            assertThat(topic.node()
                            .path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asString())
                    .isEqualTo(ofKind("Kafka").get(0).name());
        }
        assertThat(topics.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Topics.all().stream().map(Topics.Spec::name).toList());
        for (Topics.Spec spec : Topics.all()) {
            JsonNode topic = topics.get(spec.name()).path("spec");
            assertThat(topic.path("partitions").asInt()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(topic.path("replicas").asInt()).as(spec.name()).isEqualTo(3);
            JsonNode config = topic.path("config");
            assertThat(config.path("min.insync.replicas").asInt())
                    .as(spec.name())
                    .isEqualTo(2);
            assertThat(config.path("cleanup.policy").asString())
                    .as(spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
            if (spec.retention() != null) {
                assertThat(config.path("retention.ms").asLong())
                        .as(spec.name())
                        .isEqualTo(spec.retention().toMillis());
            }
        }
        assertThat(topics.get(Topics.PURCHASE_REQUESTS)
                        .path("spec")
                        .path("partitions")
                        .asInt())
                .isEqualTo(12);
    }

    @Test
    void theKafkaClusterKeepsThreeReplicasOfEveryWriteAndAcknowledgesOnTwo() {
        JsonNode config =
                ofKind("Kafka").get(0).node().path("spec").path("kafka").path("config");
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();
        int nodes = ofKind("KafkaNodePool").stream()
                .mapToInt(pool -> pool.node().path("spec").path("replicas").asInt())
                .sum();
        assertThat(nodes).isGreaterThanOrEqualTo(3);
    }

    @Test
    void thePostgresClusterHasAReplicaThatConfirmsEveryCommit() {
        JsonNode spec = ofKind("Cluster").get(0).node().path("spec");
        assertThat(spec.path("instances").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.path("postgresql").path("synchronous").path("number").asInt())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void orderProcessorScalesNoFurtherThanThePartitionCount() {
        JsonNode hpa =
                named("HorizontalPodAutoscaler", "order-processor").node().path("spec");
        assertThat(hpa.path("scaleTargetRef").path("name").asString()).isEqualTo("order-processor");
        assertThat(hpa.path("maxReplicas").asInt()).isBetween(1, Topics.PURCHASE_REQUEST_PARTITIONS);
        assertThat(named("Deployment", "order-processor").node().path("spec").has("replicas"))
                .as("the autoscaler owns the replica count")
                .isFalse();
    }

    @Test
    void edgeApiScalesOnCpu() {
        JsonNode hpa = named("HorizontalPodAutoscaler", "edge-api").node().path("spec");
        assertThat(hpa.path("scaleTargetRef").path("name").asString()).isEqualTo("edge-api");
        assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(StreamSupport.stream(hpa.path("metrics").spliterator(), false)
                        .map(m -> m.path("resource").path("name").asString()))
                .contains("cpu");
        assertThat(named("Deployment", "edge-api").node().path("spec").has("replicas"))
                .isFalse();
    }

    @Test
    void everyServiceHasADisruptionBudgetAServiceAndIsScraped() {
        JsonNode monitor = ofKind("ServiceMonitor").get(0).node().path("spec");
        Set<String> scraped = new HashSet<>();
        monitor.path("selector").path("matchExpressions").get(0).path("values").forEach(v -> scraped.add(v.asString()));
        assertThat(monitor.path("endpoints").get(0).path("path").asString()).isEqualTo("/actuator/prometheus");
        String port = monitor.path("endpoints").get(0).path("port").asString();
        for (String service : SERVICES) {
            JsonNode podLabels = named("Deployment", service)
                    .node()
                    .path("spec")
                    .path("template")
                    .path("metadata")
                    .path("labels");
            assertThat(matches(
                            named("PodDisruptionBudget", service)
                                    .node()
                                    .path("spec")
                                    .path("selector")
                                    .path("matchLabels"),
                            podLabels))
                    .as(service + "'s disruption budget selects its pods")
                    .isTrue();
            JsonNode svc = named("Service", service).node();
            assertThat(matches(svc.path("spec").path("selector"), podLabels))
                    .as(service + "'s Service")
                    .isTrue();
            assertThat(StreamSupport.stream(svc.path("spec").path("ports").spliterator(), false)
                            .map(p -> p.path("name").asString()))
                    .contains(port);
            assertThat(scraped)
                    .contains(svc.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/name")
                            .asString());
        }
    }

    @Test
    void onlyCatalogServiceMountsTheSigningKeys() {
        String signingKeys = ofKind("Secret").stream()
                .filter(s -> s.name().contains("signing"))
                .findFirst()
                .orElseThrow()
                .name();
        for (String service : SERVICES) {
            JsonNode pod = named("Deployment", service)
                    .node()
                    .path("spec")
                    .path("template")
                    .path("spec");
            boolean mounts = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .anyMatch(
                            v -> v.path("secret").path("secretName").asString().equals(signingKeys));
            assertThat(mounts).as(service + " mounts " + signingKeys).isEqualTo(service.equals("catalog-service"));
        }
    }

    @Test
    void theSecretTemplatesHoldNoSecret() {
        List<Manifest> templates = ofKind("Secret");
        assertThat(templates)
                .isNotEmpty()
                .allMatch(s -> s.file().getFileName().toString().endsWith(".template.yaml"));
        for (Manifest template : templates) {
            assertThat(template.node().has("data")).as(template.id()).isFalse();
            template.node().path("stringData").properties().forEach(entry -> {
                boolean isName = entry.getKey().equals("username");
                assertThat(isName || entry.getValue().asString().isEmpty())
                        .as(template.id() + " " + entry.getKey() + " is left empty")
                        .isTrue();
            });
        }
    }

    @Test
    void theServicesFindKafkaAndPostgresWhereTheOperatorsPutThem() {
        JsonNode config = named("ConfigMap", "flashsale-config").node().path("data");
        assertThat(config.path("SPRING_KAFKA_BOOTSTRAP_SERVERS").asString())
                .isEqualTo(ofKind("Kafka").get(0).name() + "-kafka-bootstrap:9092");
        assertThat(config.path("FLASHSALE_DB_HOST").asString())
                .isEqualTo(ofKind("Cluster").get(0).name() + "-rw");
        assertThat(ofKind("Cluster")
                        .get(0)
                        .node()
                        .path("spec")
                        .path("bootstrap")
                        .path("initdb")
                        .path("secret")
                        .path("name")
                        .asString())
                .isEqualTo(named("Secret", "flashsale-db-credentials").name());
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        return selector.properties().stream()
                .allMatch(e ->
                        labels.path(e.getKey()).asString("").equals(e.getValue().asString()));
    }

    private static ObjectNode firstContainer(Manifest deployment) {
        ArrayNode containers = (ArrayNode)
                deployment.node().path("spec").path("template").path("spec").path("containers");
        return (ObjectNode) containers.get(0);
    }

    private List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private Manifest named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " under deploy/k8s"));
    }
}
