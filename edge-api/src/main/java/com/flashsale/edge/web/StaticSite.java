package com.flashsale.edge.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The web UI (a static Next.js export) with the caching it needs: the hashed files under
 * {@code /_next/static/} never change, so browsers keep them a year without asking; pages and every
 * other file are revalidated on each use, so a new build shows at once. {@code /} answers GET and
 * HEAD alike. Compression is the server's ({@code server.compression}).
 */
@Configuration
class StaticSite implements WebFluxConfigurer {

    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final String[] locations;
    private final Path staticDir;

    StaticSite(WebProperties web, @Value("${flashsale.web.static-dir}") Path staticDir) {
        this.locations = web.getResources().getStaticLocations();
        this.staticDir = staticDir;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Registered before Boot's own "/**" handler, which then stands back.
        String[] hashed = new String[locations.length];
        for (int i = 0; i < locations.length; i++) {
            hashed[i] = locations[i] + (locations[i].endsWith("/") ? "" : "/") + "_next/static/";
        }
        registry.addResourceHandler("/_next/static/**")
                .addResourceLocations(hashed)
                .setCacheControl(IMMUTABLE);
        registry.addResourceHandler("/**").addResourceLocations(locations).setCacheControl(CacheControl.noCache());
    }

    @Bean
    RouterFunction<ServerResponse> webPage() {
        return RouterFunctions.route(RequestPredicates.GET("/").or(RequestPredicates.HEAD("/")), request -> {
            FileSystemResource index = new FileSystemResource(staticDir.resolve("index.html"));
            if (!index.exists()) {
                return ServerResponse.notFound().build();
            }
            Instant modified = Instant.ofEpochMilli(index.getFile().lastModified());
            return request.checkNotModified(modified)
                    .switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
                            .contentType(MediaType.TEXT_HTML)
                            .lastModified(modified)
                            .cacheControl(CacheControl.noCache())
                            .body(BodyInserters.fromResource(index))));
        });
    }
}
