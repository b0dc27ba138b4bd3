package com.flashsale.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** One document of a YAML file under deploy/k8s, with where it came from. */
record Manifest(Path file, int index, JsonNode node) {

    static final YAMLMapper YAML = new YAMLMapper();

    /** The repository's root, passed by the build (the module's parent directory otherwise). */
    static Path root() {
        return Path.of(System.getProperty("flashsale.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    /** Every document of every .yaml file under {@code dir} but the kustomization itself. */
    static List<Manifest> under(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Manifest> all = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .forEach(f -> all.addAll(read(f)));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Manifest> read(Path file) {
        List<Manifest> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(new Manifest(file, documents.size(), node));
                }
            }
        }
        return documents;
    }

    String kind() {
        return node.path("kind").asString("");
    }

    String name() {
        return node.path("metadata").path("name").asString("");
    }

    /** apiVersion/kind, the key of the schema index. */
    String type() {
        return node.path("apiVersion").asString("") + "/" + kind();
    }

    /** How a failure names it: the file relative to deploy/k8s, the kind and the name. */
    String id() {
        return k8s().relativize(file) + " " + kind() + " " + name();
    }

    Manifest with(JsonNode changed) {
        return new Manifest(file, index, changed);
    }
}
