package com.flashsale.devstack.settings;

import com.flashsale.devstack.StackException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the services' PostgreSQL is: the embedded one on the stack's port, or the server that
 * {@code FLASHSALE_DB_URL} names ({@code postgresql://user:pass@host:port/db} or
 * {@code jdbc:postgresql://host:port/db?user=..&password=..}).
 */
public record Database(String host, int port, String name, String user, String password) {

    private static final Pattern URL = Pattern.compile("^(jdbc:)?postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?"
            + "([^:/?]+|\\[[^\\]/]+\\])(:([0-9]+))?(/([^?]*))?(\\?(.*))?$");

    /** The embedded PostgreSQL of a local stack. */
    public static Database embedded(int port) {
        return new Database("127.0.0.1", port, "flashsale", "postgres", "");
    }

    /** Parses a database URL; user and password fall back to FLASHSALE_DB_USERNAME / _PASSWORD. */
    public static Database parse(String url, Map<String, String> env) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new StackException("FLASHSALE_DB_URL is not a PostgreSQL URL (postgresql://user:pass@host:port/db"
                    + " or jdbc:postgresql://host:port/db)");
        }
        String user = decode(orElse(m.group(4), env.getOrDefault("FLASHSALE_DB_USERNAME", "postgres")));
        String password = decode(orElse(m.group(6), env.getOrDefault("FLASHSALE_DB_PASSWORD", "")));
        String host = m.group(7);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = m.group(9) == null ? 5432 : Integer.parseInt(m.group(9));
        String name = orElse(m.group(11), "flashsale");
        if (m.group(13) != null) {
            for (String param : m.group(13).split("&")) {
                if (param.startsWith("user=")) {
                    user = decode(param.substring("user=".length()));
                } else if (param.startsWith("password=")) {
                    password = decode(param.substring("password=".length()));
                }
            }
        }
        return new Database(host, port, name, user, password);
    }

    /** The JDBC URL (an IPv6 host in brackets). */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + name;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** Percent-decoding (a password with an @ in it: p%40ss); a '+' stays a '+', as in a URL's user info. */
    static String decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String value, int index) {
        return index < value.length() && Character.digit(value.charAt(index), 16) >= 0;
    }
}
