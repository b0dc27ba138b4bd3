package com.flashsale.edge.docs;

import com.flashsale.web.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v3/api-docs}: the one OpenAPI document of the public API, behind the Swagger UI at
 * {@code /docs}. edge-api's own document (springdoc, at {@code /v3/api-docs/edge}) merged with
 * catalog-service's as the edge routes (see {@link ApiDocumentMerge}). Built on request, never on
 * the path of a purchase; fails as the catalog proxy does when the catalog does not answer.
 */
@Hidden
@RestController
class PublicApiDocs {

    static final String PATH = "/v3/api-docs";

    private final OpenApiWebfluxResource edgeDocs;
    private final ApplicationContext context;
    private final JsonMapper json;
    private final WebClient catalog;
    private volatile List<PathPattern> forwarded;

    PublicApiDocs(
            OpenApiWebfluxResource edgeDocs,
            ApplicationContext context,
            JsonMapper json,
            @Value("${flashsale.catalog-url}") String catalogUrl) {
        this.edgeDocs = edgeDocs;
        this.context = context;
        this.json = json;
        this.catalog = WebClient.builder()
                .baseUrl(catalogUrl)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> document(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        // The locale springdoc's own endpoint would use: its cached document is reused, not built twice.
        Locale locale = exchange.getLocaleContext().getLocale() == null
                ? Locale.getDefault()
                : exchange.getLocaleContext().getLocale();
        // springdoc builds its document synchronously (scanning on first use): off the event loop.
        Mono<JsonNode> edge = Mono.fromCallable(() -> edgeDocs.openapiJson(request, PATH, locale))
                .flatMap(bytes -> bytes)
                .map(json::readTree)
                .subscribeOn(Schedulers.boundedElastic());
        Mono<JsonNode> theirs = catalog.get()
                .uri(PATH)
                .retrieve()
                .bodyToMono(byte[].class)
                .map(json::readTree)
                .timeout(Duration.ofSeconds(10))
                .onErrorMap(
                        TimeoutException.class,
                        e -> new ApiProblem(
                                HttpStatus.GATEWAY_TIMEOUT,
                                "CATALOG_TIMEOUT",
                                "The catalog service did not answer in time."))
                .onErrorMap(
                        WebClientException.class,
                        e -> new ApiProblem(
                                HttpStatus.BAD_GATEWAY,
                                "CATALOG_UNAVAILABLE",
                                "The catalog service's API document is not available."));
        return Mono.zip(edge, theirs, (ours, catalogs) -> ApiDocumentMerge.merge(ours, catalogs, forwardedPaths()));
    }

    /** The paths the catalog proxy takes: those of the handler methods of the edge's catalog package. */
    private Predicate<String> forwardedPaths() {
        if (forwarded == null) {
            forwarded = context
                    .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                    .getHandlerMethods()
                    .entrySet()
                    .stream()
                    .filter(e -> e.getValue().getBeanType().getPackageName().equals("com.flashsale.edge.catalog"))
                    .flatMap(e -> e.getKey().getPatternsCondition().getPatterns().stream())
                    .toList();
        }
        List<PathPattern> patterns = forwarded;
        return path -> patterns.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)));
    }
}
