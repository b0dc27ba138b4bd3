package com.flashsale.edge.docs;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges catalog-service's OpenAPI document into edge-api's, as the edge routes: an operation the
 * edge answers itself wins over the catalog's of the same method and path, a catalog operation is
 * kept only when the edge forwards its path, and a catalog component whose name the edge already
 * uses for something else is renamed (with its references) rather than lost.
 */
final class ApiDocumentMerge {

    private static final String RENAMED_PREFIX = "Catalog";

    private ApiDocumentMerge() {}

    /** One document: the edge's, with the catalog's operations on the paths that {@code forwarded} accepts. */
    static ObjectNode merge(JsonNode edge, JsonNode catalog, Predicate<String> forwarded) {
        ObjectNode merged = (ObjectNode) edge.deepCopy();
        ObjectNode theirs = (ObjectNode) catalog.deepCopy();
        renameClashingComponents(merged, theirs);

        ObjectNode paths = objectAt(merged, "paths");
        for (Map.Entry<String, JsonNode> path : theirs.path("paths").properties()) {
            if (!forwarded.test(path.getKey())) {
                continue;
            }
            ObjectNode item = objectAt(paths, path.getKey());
            // Per method: the edge's own operation on this path, if any, is what the edge answers.
            path.getValue().properties().forEach(part -> {
                if (!item.has(part.getKey())) {
                    item.set(part.getKey(), part.getValue());
                }
            });
        }
        ObjectNode components = objectAt(merged, "components");
        for (Map.Entry<String, JsonNode> section : theirs.path("components").properties()) {
            ObjectNode target = objectAt(components, section.getKey());
            section.getValue().properties().forEach(entry -> {
                if (!target.has(entry.getKey())) {
                    target.set(entry.getKey(), entry.getValue());
                }
            });
        }
        mergeTags(merged, theirs);
        return merged;
    }

    /** Components of the same name and different content: the catalog's gets a prefix, its references follow. */
    private static void renameClashingComponents(ObjectNode edge, ObjectNode catalog) {
        Map<String, String> renamed = new HashMap<>();
        for (Map.Entry<String, JsonNode> section : catalog.path("components").properties()) {
            JsonNode ours = edge.path("components").path(section.getKey());
            ObjectNode theirs = (ObjectNode) section.getValue();
            for (String name : Set.copyOf(theirs.propertyNames())) {
                if (ours.has(name) && !ours.get(name).equals(theirs.get(name))) {
                    String fresh = RENAMED_PREFIX + name;
                    theirs.set(fresh, theirs.remove(name));
                    String prefix = "#/components/" + section.getKey() + "/";
                    renamed.put(prefix + name, prefix + fresh);
                }
            }
        }
        if (!renamed.isEmpty()) {
            rewriteReferences(catalog, renamed);
        }
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && renamed.containsKey(ref.asString())) {
                object.set("$ref", StringNode.valueOf(renamed.get(ref.asString())));
            }
            object.values().forEach(child -> rewriteReferences(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(child -> rewriteReferences(child, renamed));
        }
    }

    private static void mergeTags(ObjectNode edge, ObjectNode catalog) {
        if (!catalog.path("tags").isArray()) {
            return;
        }
        ArrayNode tags = edge.path("tags").isArray() ? (ArrayNode) edge.get("tags") : edge.putArray("tags");
        Set<String> known = new java.util.HashSet<>();
        tags.forEach(tag -> known.add(tag.path("name").asString()));
        for (Iterator<JsonNode> it = catalog.get("tags").iterator(); it.hasNext(); ) {
            JsonNode tag = it.next();
            if (known.add(tag.path("name").asString())) {
                tags.add(tag);
            }
        }
    }

    private static ObjectNode objectAt(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode object ? object : parent.putObject(name);
    }
}
