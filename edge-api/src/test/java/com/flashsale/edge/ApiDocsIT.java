package com.flashsale.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.auth.Caller;
import com.flashsale.testing.api.AccessWalk;
import com.flashsale.testing.api.ApiDocument;
import com.flashsale.testing.api.Route;
import com.flashsale.testing.api.ServedRoutes;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * edge-api's part of the OpenAPI document held to the edge: every route it serves is documented and
 * every documented route is served, each answers no token, a shopper and an admin as documented,
 * and the one public document behind {@code /docs} adds the catalog's forwarded routes. New routes
 * are picked up from the mappings and the document.
 */
class ApiDocsIT extends EdgeWebTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<Route> served = new TreeSet<>(ServedRoutes.of(context));
        // The catalog proxy's catch-all is no route of its own: the catalog's routes are documented by the catalog.
        served.removeIf(route -> route.method().equals("*"));
        // The public document itself (the edge's part merged with the catalog's) is no API route.
        served.remove(Route.of("GET", "/v3/api-docs"));
        Set<Route> documented = edgeDocument().routes();

        assertThat(served).contains(Route.of("POST", "/api/sales/{}/purchases"), Route.of("GET", "/api/sales"));
        assertThat(difference(served, documented))
                .as("served but not in the OpenAPI document")
                .isEmpty();
        assertThat(difference(documented, served))
                .as("documented but not served")
                .isEmpty();
    }

    @Test
    void everyRouteAnswersNoTokenAShopperAndAnAdminAsItsDocumentSays() {
        ApiDocument document = edgeDocument();
        AccessWalk walk = new AccessWalk(baseUrl());

        assertThat(walk.walk(document, AccessWalk.Caller.NO_TOKEN, null)).isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.USER, tokenOf(Caller.Role.USER)))
                .isEmpty();
        assertThat(walk.walk(document, AccessWalk.Caller.ADMIN, tokenOf(Caller.Role.ADMIN)))
                .isEmpty();
    }

    @Test
    void thePublicDocumentIsTheEdgesWithTheCatalogsForwardedRoutes() {
        JsonNode merged = json("/v3/api-docs");
        ApiDocument document = ApiDocument.of(merged);

        assertThat(document.routes()).containsAll(edgeDocument().routes());
        assertThat(document.has("GET", "/api/products")).isTrue();
        // The edge answers GET /api/sales itself; the catalog never sees it.
        assertThat(merged.at("/paths/~1api~1sales/get/summary").asString()).isEqualTo("Every sale with its status now");
        // Not under the proxy's paths: not reachable through the edge, so not in its document.
        assertThat(merged.at("/paths").has("/internal/reindex")).isFalse();
        assertThat(merged.at("/paths/~1api~1products/get/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/CatalogSaleView");
        assertThat(merged.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(merged.at("/components/schemas/ProblemDetail/properties").has("errors"))
                .isTrue();
        assertThat(merged.at("/servers/0/url").asString()).isEqualTo("/");
    }

    @Test
    void theSwaggerUiAtDocsLoadsThePublicDocumentWithoutAToken() {
        String location = http().get()
                .uri("/docs")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation()
                .toString();
        http().get()
                .uri(location)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/html");
        JsonNode config = json("/v3/api-docs/edge/swagger-config");
        assertThat(config.path("url").asString()).isEqualTo("/v3/api-docs");
        http().get().uri("/v3/api-docs").exchange().expectStatus().isEqualTo(HttpStatus.OK);
    }

    private ApiDocument edgeDocument() {
        return ApiDocument.of(json("/v3/api-docs/edge"));
    }

    private JsonNode json(String path) {
        return http().get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static Set<Route> difference(Set<Route> a, Set<Route> b) {
        Set<Route> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
