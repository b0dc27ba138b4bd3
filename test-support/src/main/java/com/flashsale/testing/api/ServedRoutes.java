package com.flashsale.testing.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * The routes a running WebFlux service actually serves, read from its handler mappings: every
 * annotated handler method and every functional route. Handlers of the frameworks themselves
 * (springdoc's document and UI, actuator, Boot's welcome page) are left out; a mapping without methods (a catch-all) is
 * reported with method {@code *}.
 */
public final class ServedRoutes {

    private ServedRoutes() {}

    public static Set<Route> of(ApplicationContext context) {
        Set<Route> routes = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                    String owner = handler.getBeanType().getPackageName();
                    if (owner.startsWith("org.springdoc") || owner.startsWith("org.springframework")) {
                        return;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    info.getPatternsCondition().getPatterns().forEach(pattern -> {
                        if (methods.isEmpty()) {
                            routes.add(Route.of("*", pattern.getPatternString()));
                        }
                        methods.forEach(m -> routes.add(Route.of(m.name(), pattern.getPatternString())));
                    });
                }));
        context.getBeansOfType(RouterFunctionMapping.class).values().forEach(mapping -> {
            if (mapping.getRouterFunction() != null) {
                mapping.getRouterFunction().accept(new Collector(routes));
            }
        });
        return routes;
    }

    /** Walks a router function: nested path prefixes, then each route's methods and paths. */
    private static final class Collector implements RouterFunctions.Visitor {

        private final Set<Route> routes;
        private final Deque<List<String>> prefixes = new ArrayDeque<>();

        Collector(Set<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            Parts parts = Parts.of(predicate);
            prefixes.push(parts.paths.isEmpty() ? List.of("") : parts.paths);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            if (handlerFunction.getClass().getName().startsWith("org.springframework")) {
                return; // e.g. Boot's welcome page
            }
            Parts parts = Parts.of(predicate);
            String prefix = prefixes.isEmpty() ? "" : String.join("", prefixes.peek());
            List<String> methods = parts.methods.isEmpty() ? List.of("*") : parts.methods;
            List<String> paths = parts.paths.isEmpty() ? List.of("") : parts.paths;
            for (String method : methods) {
                for (String path : paths) {
                    routes.add(Route.of(method, prefix + path));
                }
            }
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {}

        @Override
        public void attributes(java.util.Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}
    }

    /** The methods and paths a request predicate names (alternatives of an "or" all count). */
    private static final class Parts implements RequestPredicates.Visitor {

        final List<String> methods = new ArrayList<>();
        final List<String> paths = new ArrayList<>();

        static Parts of(RequestPredicate predicate) {
            Parts parts = new Parts();
            predicate.accept(parts);
            return parts;
        }

        @Override
        public void method(Set<HttpMethod> httpMethods) {
            httpMethods.forEach(m -> methods.add(m.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void version(String version) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {}
    }
}
