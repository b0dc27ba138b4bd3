package com.flashsale.load;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the stack's PostgreSQL is, for the verdict and the timings read from it: system properties
 * {@code flashsale.db.url/user/password} (the launcher passes them), else {@code FLASHSALE_DB_URL},
 * else the embedded server on {@code FLASHSALE_PG_PORT} (15432).
 */
public record DbSettings(String jdbcUrl, String user, String password) {

    private static final Pattern URL = Pattern.compile(
            "^(?:jdbc:)?postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]+)(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?$");

    public static DbSettings fromEnvironment() {
        String url = System.getProperty("flashsale.db.url");
        String user = System.getProperty("flashsale.db.user");
        String password =
                firstNonNull(System.getProperty("flashsale.db.password"), System.getenv("FLASHSALE_DB_PASSWORD"));
        if (url != null && !url.isBlank()) {
            return new DbSettings(url, user == null ? "postgres" : user, password == null ? "" : password);
        }
        String env = System.getenv("FLASHSALE_DB_URL");
        if (env != null && !env.isBlank()) {
            return parse(env);
        }
        String port = System.getenv().getOrDefault("FLASHSALE_PG_PORT", "15432");
        return new DbSettings("jdbc:postgresql://127.0.0.1:" + port + "/flashsale", "postgres", "");
    }

    /** postgresql://user:pass@host:port/db or jdbc:postgresql://host:port/db?user=..&password=.. */
    public static DbSettings parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        }
        String user = decode(m.group(1));
        String password = decode(m.group(2));
        if (m.group(6) != null) {
            for (String param : m.group(6).split("&")) {
                if (param.startsWith("user=")) user = decode(param.substring(5));
                if (param.startsWith("password=")) password = decode(param.substring(9));
            }
        }
        String jdbc = "jdbc:postgresql://" + m.group(3) + ":" + (m.group(4) == null ? "5432" : m.group(4)) + "/"
                + (m.group(5) == null || m.group(5).isEmpty() ? "flashsale" : m.group(5));
        return new DbSettings(
                jdbc, user == null || user.isEmpty() ? "postgres" : user, password == null ? "" : password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public InvariantVerdict verdict() {
        return new InvariantVerdict(jdbcUrl, user, password);
    }

    /** The same server, another database (e.g. {@code postgres} to drop and create one). */
    public DbSettings withDatabase(String database) {
        return new DbSettings(jdbcUrl.replaceAll("/[^/?]*(\\?.*)?$", "/" + database), user, password);
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
