package com.flashsale.edge.web;

import java.util.List;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The web UI's page addresses on the files of its static export: {@code /} is {@code /index.html},
 * {@code /sale} is {@code /sale.html}, {@code /admin/users} is {@code /admin/users.html}; a page
 * address with no page behind it gets the UI's own not-found page ({@code /404.html}) with a 404,
 * when a browser asks for a page (API clients keep the problem answer). GET and HEAD alike.
 */
@Component
class PageRoutes implements WebFilter {

    private static final List<String> NOT_PAGES =
            List.of("/api/", "/actuator", "/v3/", "/docs", "/swagger-ui", "/_next/", "/.well-known/", "/webjars/");

    private final List<String> locations;
    private final ResourceLoader resources;

    PageRoutes(WebProperties web, ResourceLoader resources) {
        this.locations = List.of(web.getResources().getStaticLocations());
        this.resources = resources;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !isPageAddress(path)) {
            return chain.filter(exchange);
        }
        String page = path.equals("/") ? "/index.html" : stripTrailingSlash(path) + ".html";
        if (exists(page)) {
            return chain.filter(to(exchange, page));
        }
        if (asksForAPage(exchange) && exists("/404.html")) {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return chain.filter(to(exchange, "/404.html"));
        }
        return chain.filter(exchange);
    }

    /** A path of the UI, not of the API or of a file: no extension in its last segment. */
    static boolean isPageAddress(String path) {
        for (String prefix : NOT_PAGES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".") && !path.contains("..") && !path.contains("//");
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean asksForAPage(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private boolean exists(String page) {
        for (String location : locations) {
            Resource resource =
                    resources.getResource(location + (location.endsWith("/") ? "" : "/") + page.substring(1));
            if (resource.isReadable()) {
                return true;
            }
        }
        return false;
    }

    private static ServerWebExchange to(ServerWebExchange exchange, String page) {
        return exchange.mutate().request(request -> request.path(page)).build();
    }
}
