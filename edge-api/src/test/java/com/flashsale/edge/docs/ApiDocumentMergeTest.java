package com.flashsale.edge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiDocumentMergeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNode EDGE = JSON.readTree("""
            {"openapi": "3.1.0", "info": {"title": "Flash-sale platform API"}, "tags": [{"name": "Sales"}],
             "paths": {"/api/sales": {"get": {"summary": "edge"}}},
             "components": {"schemas": {"SaleView": {"type": "object", "properties": {"id": {"type": "string"}}},
                                        "ProblemDetail": {"type": "object"}},
                            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
            """);

    private static final JsonNode CATALOG = JSON.readTree("""
            {"openapi": "3.1.0", "info": {"title": "catalog-service"}, "tags": [{"name": "Sales"}, {"name": "Catalogue"}],
             "paths": {"/api/sales": {"get": {"summary": "catalog"}, "post": {"summary": "catalog post"}},
                       "/api/products": {"get": {"responses": {"200": {"content": {"application/json":
                         {"schema": {"$ref": "#/components/schemas/SaleView"}}}}}}},
                       "/internal/reindex": {"post": {}}},
             "components": {"schemas": {"SaleView": {"type": "object", "properties": {"sku": {"type": "string"}}},
                                        "ProblemDetail": {"type": "object"},
                                        "Product": {"type": "object"}},
                            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
            """);

    private final JsonNode merged = ApiDocumentMerge.merge(EDGE, CATALOG, path -> path.startsWith("/api/"));

    @Test
    void theEdgesOwnOperationWinsAndTheCatalogsOtherMethodsOfThatPathStay() {
        assertThat(merged.at("/paths/~1api~1sales/get/summary").asString()).isEqualTo("edge");
        assertThat(merged.at("/paths/~1api~1sales/post/summary").asString()).isEqualTo("catalog post");
    }

    @Test
    void keepsOnlyTheCatalogPathsTheEdgeForwards() {
        assertThat(merged.at("/paths").has("/api/products")).isTrue();
        assertThat(merged.at("/paths").has("/internal/reindex")).isFalse();
    }

    @Test
    void renamesACatalogComponentWhoseNameTheEdgeUsesForSomethingElse() {
        assertThat(merged.at("/components/schemas/SaleView/properties").has("id"))
                .isTrue();
        assertThat(merged.at("/components/schemas/CatalogSaleView/properties").has("sku"))
                .isTrue();
        assertThat(merged.at("/paths/~1api~1products/get/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/CatalogSaleView");
        // Equal components are one.
        assertThat(merged.at("/components/schemas").has("CatalogProblemDetail")).isFalse();
        assertThat(merged.at("/components/schemas").has("Product")).isTrue();
    }

    @Test
    void keepsTheEdgesHeadAndEveryTagOnce() {
        assertThat(merged.at("/info/title").asString()).isEqualTo("Flash-sale platform API");
        assertThat(merged.get("tags")).hasSize(2);
        assertThat(EDGE.at("/paths").has("/api/products"))
                .as("inputs are not changed")
                .isFalse();
    }
}
