package com.flashsale.testing.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The operations of an OpenAPI 3 document (JSON), each with the access its security requirement declares. */
public final class ApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final List<DocumentedOperation> operations;

    private ApiDocument(List<DocumentedOperation> operations) {
        this.operations = List.copyOf(operations);
    }

    public static ApiDocument of(JsonNode document) {
        JsonNode global = document.path("security");
        List<DocumentedOperation> operations = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    if (!METHODS.contains(entry.getKey())) {
                        return;
                    }
                    JsonNode operation = entry.getValue();
                    JsonNode security = operation.has("security") ? operation.get("security") : global;
                    Set<String> roles = new TreeSet<>();
                    boolean needsToken = false;
                    // Any one requirement of the list satisfies: an empty one ({}) means "no token needed".
                    boolean anonymousAllowed = security.isMissingNode() || security.isEmpty();
                    for (JsonNode requirement : security) {
                        if (requirement.isEmpty()) {
                            anonymousAllowed = true;
                        }
                        requirement
                                .properties()
                                .forEach(scheme -> scheme.getValue().forEach(role -> roles.add(role.asString())));
                    }
                    needsToken = !anonymousAllowed;
                    operations.add(new DocumentedOperation(
                            entry.getKey().toUpperCase(Locale.ROOT),
                            path.getKey(),
                            needsToken,
                            needsToken ? roles : Set.of(),
                            operation.has("requestBody"),
                            streams(operation)));
                }));
        return new ApiDocument(operations);
    }

    private static boolean streams(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            for (String type : response.path("content").propertyNames()) {
                if (type.startsWith("text/event-stream")) {
                    return true;
                }
            }
        }
        return false;
    }

    public List<DocumentedOperation> operations() {
        return operations;
    }

    public Set<Route> routes() {
        return operations.stream().map(DocumentedOperation::route).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether the document has this operation (path variables may be named anything). */
    public boolean has(String method, String path) {
        return routes().contains(Route.of(method, path));
    }
}
