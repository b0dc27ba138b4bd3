package com.flashsale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ComposeFileTest {

    private static final List<String> DEMO = List.of("docker-compose.yml");
    private static final List<String> DEPLOYMENT = List.of("docker-compose.yml", "deploy/compose/deployment.yml");
    private static final Map<String, String> DEMO_VARIABLES = Map.of("FLASHSALE_DB_PASSWORD", "not-a-real-password");
    private static final Map<String, String> DEPLOYMENT_VARIABLES = Map.of(
            "FLASHSALE_DB_PASSWORD", "not-a-real-password",
            "FLASHSALE_BOOTSTRAP_ADMIN_USERNAME", "admin",
            "FLASHSALE_BOOTSTRAP_ADMIN_PASSWORD", "not-a-real-password",
            "FLASHSALE_JWT_KEY_DIR", "/srv/flashsale/keys",
            "FLASHSALE_EDGE_SECRET_DIR", "/srv/flashsale/edge");
    /** A required variable without a default: ${NAME:?message}. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");

    // Each run of docker-compose costs a Python start (1-3 s here): the resolved files are read once.
    private static final Map<List<String>, JsonNode> RESOLVED = new ConcurrentHashMap<>();

    @Test
    void dockerComposeAcceptsTheDemoAndTheDeploymentFiles() {
        DockerCompose.Run demo = DockerCompose.run(DEMO_VARIABLES, DEMO, "config", "-q");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(resolved(DEPLOYMENT_VARIABLES, DEPLOYMENT).path("services").has("edge-api"))
                .isTrue();
    }

    @Test
    void composeStopsWithoutADatabasePasswordAndSaysWhich() {
        DockerCompose.Run run = DockerCompose.run(Map.of(), DEMO, "config", "-q");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("FLASHSALE_DB_PASSWORD");
    }

    @Test
    void theDeploymentFileStopsWithoutTheKeysItNeeds() {
        DockerCompose.Run run = DockerCompose.run(DEMO_VARIABLES, DEPLOYMENT, "config", "-q");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .containsAnyOf("FLASHSALE_JWT_KEY_DIR", "FLASHSALE_BOOTSTRAP_ADMIN", "FLASHSALE_EDGE_SECRET_DIR");
    }

    @Test
    void noPrivateKeyReachesEdgeApiOrOrderProcessor() {
        for (JsonNode config : List.of(resolved(DEMO_VARIABLES, DEMO), resolved(DEPLOYMENT_VARIABLES, DEPLOYMENT))) {
            JsonNode services = config.path("services");
            String keys = mountSource(services.path("catalog-service"), "/keys");
            assertThat(keys).as("catalog-service mounts its keys at /keys").isNotNull();
            for (String service : List.of("edge-api", "order-processor")) {
                JsonNode it = services.path(service);
                assertThat(it.path("environment").has("FLASHSALE_JWT_KEY_DIR"))
                        .as(service)
                        .isFalse();
                assertThat(StreamSupport.stream(it.path("volumes").spliterator(), false)
                                .map(ComposeFileTest::source))
                        .as(service + "'s volumes")
                        .doesNotContain(keys);
                assertThat(it.has("secrets")).as(service).isFalse();
            }
            assertThat(services.path("order-processor").has("volumes")).isFalse();
            assertThat(services.path("edge-api")
                            .path("environment")
                            .path("FLASHSALE_CATALOG_URL")
                            .asString())
                    .as("the edge reads the public keys from catalog-service's JWKS")
                    .isEqualTo("http://catalog-service:8082");
        }
    }

    @Test
    void everyPasswordOrSecretInTheComposeFilesIsARequiredVariable() throws Exception {
        List<String> literal = new ArrayList<>();
        for (String file : DEPLOYMENT) {
            JsonNode compose =
                    Manifest.YAML.readTree(Manifest.root().resolve(file).toFile());
            List<JsonNode> environments = new ArrayList<>();
            compose.path("services").forEach(s -> environments.add(s.path("environment")));
            compose.properties().stream()
                    .filter(e -> e.getKey().startsWith("x-"))
                    .forEach(e -> environments.add(e.getValue()));
            for (JsonNode environment : environments) {
                environment.properties().forEach(e -> {
                    boolean sensitive = e.getKey().contains("PASSWORD")
                            || (e.getKey().contains("SECRET") && !e.getKey().endsWith("FILE"));
                    if (sensitive && !REQUIRED.matcher(e.getValue().asString()).matches()) {
                        literal.add(
                                file + ": " + e.getKey() + "=" + e.getValue().asString());
                    }
                });
            }
        }
        assertThat(literal).as("passwords written into the compose files").isEmpty();
    }

    @Test
    void theTopicsAreCreatedBeforeAnyServiceStartsAndEveryServerHasAHealthCheck() {
        JsonNode services = resolved(DEMO_VARIABLES, DEMO).path("services");
        assertThat(services.path("postgres").path("image").asString()).startsWith("postgres:");
        assertThat(services.path("kafka").path("image").asString()).startsWith("apache/kafka:");
        assertThat(services.path("topics").path("build").path("dockerfile").asString())
                .isEqualTo("deploy/topics/Dockerfile");
        for (String server : List.of("postgres", "kafka", "catalog-service", "order-processor", "edge-api")) {
            assertThat(services.path(server).path("healthcheck").path("test").isEmpty())
                    .as(server)
                    .isFalse();
        }
        for (String service : List.of("catalog-service", "order-processor", "edge-api")) {
            assertThat(services.path(service)
                            .path("depends_on")
                            .path("topics")
                            .path("condition")
                            .asString())
                    .as(service)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void everyImageRunsAJreAsANumericNonRootUserAndChecksReadiness() throws Exception {
        for (String service : List.of("catalog-service", "order-processor", "edge-api")) {
            Path dockerfile = Manifest.root().resolve("deploy/" + service + "/Dockerfile");
            String text = Files.readString(dockerfile);
            assertThat(text).as(service).containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre");
            assertThat(text).as(service).containsPattern("(?m)^USER 10001(:10001)?$");
            assertThat(text).as(service).containsPattern("(?m)^HEALTHCHECK .*").contains("/actuator/health/readiness");
        }
        String topics = Files.readString(Manifest.root().resolve("deploy/topics/Dockerfile"));
        assertThat(topics).containsPattern("(?m)^USER 10001").contains("com.flashsale.devstack.CreateTopics");
    }

    /** The files as docker-compose resolves them (`config`, which fails on an invalid file). */
    private static JsonNode resolved(Map<String, String> variables, List<String> files) {
        return RESOLVED.computeIfAbsent(files, key -> {
            DockerCompose.Run run = DockerCompose.run(variables, files, "config");
            assertThat(run.exitCode()).as(run.output()).isZero();
            return Manifest.YAML.readTree(run.output());
        });
    }

    private static String mountSource(JsonNode service, String target) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asString().split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                return parts[0];
            }
        }
        return null;
    }

    private static String source(JsonNode volume) {
        return volume.asString().split(":")[0];
    }
}
