package com.flashsale.edge.web;

import java.time.Duration;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.resource.EncodedResourceResolver;

/**
 * The web UI (a static Next.js export) with the caching and compression it needs: the hashed files
 * under {@code /_next/static/} never change, so browsers keep them a year without asking; pages and
 * every other file are revalidated on each use, so a new build shows at once. Text files are sent
 * gzip-compressed to browsers that accept it, from the {@code .gz} copies the frontend build writes
 * (scripts/precompress.mjs): nothing is compressed per request. Page addresses map to the export's
 * files in {@link PageRoutes}.
 */
@Configuration
class StaticSite implements WebFluxConfigurer {

    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final String[] locations;

    StaticSite(WebProperties web) {
        this.locations = web.getResources().getStaticLocations();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Registered before Boot's own "/**" handler, which then stands back.
        String[] hashed = new String[locations.length];
        for (int i = 0; i < locations.length; i++) {
            hashed[i] = locations[i] + (locations[i].endsWith("/") ? "" : "/") + "_next/static/";
        }
        // Hashed names never change content: what was resolved may be cached.
        registry.addResourceHandler("/_next/static/**")
                .addResourceLocations(hashed)
                .setCacheControl(IMMUTABLE)
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
        registry.addResourceHandler("/**")
                .addResourceLocations(locations)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(false)
                .addResolver(new EncodedResourceResolver());
    }
}
