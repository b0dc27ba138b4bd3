package com.flashsale.testing.api;

import java.util.Locale;

/** One route: an HTTP method and a path template, e.g. {@code GET /api/sales/{}} (variables unnamed). */
public record Route(String method, String path) implements Comparable<Route> {

    /** The route with its method in upper case and its path variables unnamed, so that names never differ. */
    public static Route of(String method, String path) {
        return new Route(method.toUpperCase(Locale.ROOT), path.replaceAll("\\{[^}]*}", "{}"));
    }

    @Override
    public int compareTo(Route other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
