package com.flashsale.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON schema of each kind the manifests use (src/test/resources/schemas/index.json maps apiVersion/kind to
 * one), and the project's own rules for the services' Deployments.
 */
final class KindSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final JsonNode INDEX = readIndex();
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private KindSchemas() {}

    /** What is wrong with one document: its kind unknown to the index, or each schema error, by path. */
    static List<String> problems(Manifest manifest) {
        JsonNode location = INDEX.get(manifest.type());
        if (location == null) {
            return List.of(manifest.id() + ": no schema for " + manifest.type() + " (schemas/index.json)");
        }
        List<String> problems = new ArrayList<>();
        describe(manifest, schema(location.asString()).validate(manifest.node()), problems);
        // CRD schemas leave metadata open; every kind's metadata is an ObjectMeta.
        describe(
                manifest,
                schema(INDEX.get("metadata").asString())
                        .validate(manifest.node().path("metadata")),
                problems);
        return problems;
    }

    /** The project's rules for a service's Deployment (policy/service-deployment.schema.json). */
    static List<String> policyProblems(Manifest deployment) {
        List<String> problems = new ArrayList<>();
        describe(
                deployment,
                LOADED.computeIfAbsent(
                                "policy",
                                key -> REGISTRY.getSchema(
                                        SchemaLocation.of("classpath:policy/service-deployment.schema.json")))
                        .validate(deployment.node()),
                problems);
        return problems;
    }

    private static Schema schema(String location) {
        return LOADED.computeIfAbsent(
                location, key -> REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + key)));
    }

    private static void describe(Manifest manifest, List<Error> errors, List<String> into) {
        for (Error error : errors) {
            into.add(manifest.id() + ": " + error);
        }
    }

    private static JsonNode readIndex() {
        try (InputStream in = KindSchemas.class.getResourceAsStream("/schemas/index.json")) {
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
