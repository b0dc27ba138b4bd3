package com.flashsale.edge;

import com.flashsale.auth.Caller;
import com.flashsale.auth.SigningKey;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestKafka;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * edge-api as a browser and an API client meet it, on a real Kafka broker and PostgreSQL
 * (TestInfrastructure): a built web UI (a small stand-in of the Next.js export: an inline script, a hashed chunk and its
 * {@code .gz} copy)
 * and a stand-in catalog-service that serves only its OpenAPI document. Each test class closes its
 * edge and broker when it is done, not at the JVM's exit beside another broker's (whose log
 * directories the exit hooks remove under it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS, Topics.PURCHASE_OUTCOMES, Topics.ACCOUNTS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
@DirtiesContext
abstract class EdgeWebTest {

    /** The inline script of the stand-in page: the UI's policy must allow exactly it, by hash. */
    static final String INLINE_SCRIPT = "self.__next_f=self.__next_f||[]";

    static final String HASHED_CHUNK = "/_next/static/chunks/app-3f0c6d3e.js";

    /** The stand-in catalog's document: one forwarded route, one the edge answers itself, one it never forwards. */
    static final String CATALOG_DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "catalog-service", "version": "v0"},
             "tags": [{"name": "Catalogue"}],
             "paths": {
               "/api/products": {"get": {"operationId": "list", "tags": ["Catalogue"], "security": [],
                 "responses": {"200": {"description": "OK", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/SaleView"}}}}}}},
               "/api/sales": {"get": {"operationId": "catalogSales", "summary": "shadowed by the edge",
                 "responses": {"200": {"description": "OK"}}}},
               "/internal/reindex": {"post": {"operationId": "reindex", "responses": {"200": {"description": "OK"}}}}
             },
             "components": {"schemas": {"SaleView": {"type": "object", "properties": {"sku": {"type": "string"}}}}}}
            """;

    private static final TestKeys KEYS = new TestKeys("edge-web-keys");
    private static final SigningKey KEY = TestKeys.newKey("20261201T000000Z-0001");
    private static final TokenIssuer ISSUER = TestKeys.issuer(KEY);
    private static final Path WEB_UI = builtWebUi();
    private static final HttpServer CATALOG = catalogServingItsDocument();

    static {
        KEYS.publish(KEY);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        OrdersReadContract.register(registry);
        KEYS.register(registry);
        registry.add("flashsale.web.static-dir", WEB_UI::toString);
        registry.add(
                "flashsale.catalog-url",
                () -> "http://127.0.0.1:" + CATALOG.getAddress().getPort());
    }

    @LocalServerPort
    int port;

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    static String tokenOf(Caller.Role role) {
        return ISSUER.issue(new Caller(UUID.randomUUID(), "walker", role, null), Instant.now())
                .token();
    }

    private static Path builtWebUi() {
        Path dir = tempDir("edge-web-ui");
        try {
            Files.writeString(
                    dir.resolve("index.html"),
                    "<!DOCTYPE html><html><head><script src=\"" + HASHED_CHUNK + "\" async=\"\"></script></head>"
                            + "<body><main>Flash sales</main><script>" + INLINE_SCRIPT + "</script></body></html>");
            // Pages of the export beside it (Next.js writes /sale as sale.html) and its not-found page.
            Files.writeString(dir.resolve("sale.html"), "<!DOCTYPE html><html><body><main>A sale</main></body></html>");
            Files.createDirectories(dir.resolve("admin"));
            Files.writeString(
                    dir.resolve("admin/users.html"), "<!DOCTYPE html><html><body><main>Users</main></body></html>");
            Files.writeString(
                    dir.resolve("404.html"), "<!DOCTYPE html><html><body><main>Page not found</main></body></html>");
            Path chunk = dir.resolve(HASHED_CHUNK.substring(1));
            Files.createDirectories(chunk.getParent());
            String script = "console.log('a flash sale');\n".repeat(200);
            Files.writeString(chunk, script);
            // The compressed copy the frontend build writes beside it.
            try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(Path.of(chunk + ".gz")))) {
                gz.write(script.getBytes(StandardCharsets.UTF_8));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpServer catalogServingItsDocument() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                boolean document = exchange.getRequestURI().getPath().equals("/v3/api-docs");
                byte[] body = (document ? CATALOG_DOCUMENT : "{}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(document ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
