package com.flashsale.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.contracts.SaleDefined;
import com.flashsale.contracts.SaleStatusChanged;
import com.flashsale.contracts.Topics;
import com.flashsale.testing.TestBroker;
import com.flashsale.testing.TestInfrastructure;
import com.flashsale.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API of products and sales over HTTP: validation, conflicts, and what reaches the sales topic. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // The seeded accounts (admin) exist in the local profile.
            "spring.profiles.active=local",
            "flashsale.auth.bcrypt-cost=4"
        })
// Closed after its tests, while the shared database still runs: a second broker left to the JVM's
// exit would log the others' shutdown as failures.
@DirtiesContext
@TestKafka(
        partitions = 1,
        topics = {Topics.SALES, Topics.SALE_STATUS},
        brokerProperties = "group.initial.rebalance.delay.ms=0")
class CatalogAdminIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path KEYS = tempDir();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("flashsale.jwt.key-dir", KEYS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestBroker broker;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    private String admin;
    private KafkaConsumer<String, String> salesTopic;
    private final Map<String, List<SaleDefined>> published = new HashMap<>();

    @BeforeEach
    void signInAndFollowTheSalesTopic() {
        admin = http().post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", "Satu123"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("token")
                .asString();
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(broker.bootstrapServers(), "admin-it-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        salesTopic = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        salesTopic.subscribe(List.of(Topics.SALES));
    }

    @AfterEach
    void stopFollowing() {
        salesTopic.close();
    }

    // --- products ---

    @Test
    void eachBadProductFieldIsA400NamingItAndNothingIsWritten() throws SQLException {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("name", product(Map.of("name", "  ")));
        cases.put("name ", product(Map.of("name", "n".repeat(201))));
        cases.put("description", product(Map.of("description", "d".repeat(5001))));
        cases.put("listPrice", product(Map.of("listPrice", "0")));
        cases.put("listPrice ", product(Map.of("listPrice", "-5.00")));
        cases.put("listPrice  ", product(Map.of("listPrice", "9.999")));
        cases.put("listPrice   ", product(Map.of("listPrice", "a lot")));
        cases.put("currency", product(Map.of("currency", "eur")));
        cases.put("currency ", product(Map.of("currency", "XYZ")));
        cases.put("imagePath", product(Map.of("imagePath", "/images/../keys/private.png")));
        cases.put("imagePath ", product(Map.of("imagePath", "https://elsewhere.example/a.png")));
        cases.put("imagePath  ", product(Map.of("imagePath", "/images/a.gif")));
        Map<String, Object> missingPrice = product(Map.of());
        missingPrice.remove("listPrice");
        cases.put("listPrice    ", missingPrice);
        UUID existing = createProduct(product(Map.of("name", "Unchanged")));
        long before = count("SELECT count(*) FROM catalog.products");
        String productRow =
                row("SELECT name, list_price, currency FROM catalog.products WHERE id = '" + existing + "'");

        cases.forEach((field, body) -> {
            expectInvalid(
                    http().post().uri("/api/admin/products").header("Authorization", bearer(admin)),
                    body,
                    field.strip());
            expectInvalid(
                    http().put().uri("/api/admin/products/" + existing).header("Authorization", bearer(admin)),
                    body,
                    field.strip());
        });

        assertThat(count("SELECT count(*) FROM catalog.products")).isEqualTo(before);
        assertThat(row("SELECT name, list_price, currency FROM catalog.products WHERE id = '" + existing + "'"))
                .isEqualTo(productRow);
    }

    @Test
    void adminAddsChangesAndDeletesAProductThatShoppersFindByName() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID id = createProduct(product(Map.of("name", "Kettle " + tag, "imagePath", "/images/demo-headphones.svg")));

        http().get()
                .uri("/api/products/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.imagePath")
                .isEqualTo("/images/demo-headphones.svg")
                .jsonPath("$.listPrice")
                .isEqualTo(120.0);
        http().get()
                .uri("/api/products?q=KETTLE " + tag.toUpperCase() + "&size=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].id")
                .isEqualTo(id.toString());
        // LIKE's wildcards are plain text in a search.
        http().get()
                .uri("/api/products?q=%25")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);

        http().put()
                .uri("/api/admin/products/" + id)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(product(Map.of("name", "Teapot " + tag, "listPrice", "80.50")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Teapot " + tag)
                .jsonPath("$.imagePath")
                .doesNotExist();
        http().get()
                .uri("/api/admin/products?q=teapot " + tag)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].listPrice")
                .isEqualTo(80.5);

        http().delete()
                .uri("/api/admin/products/" + id)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isNoContent();
        http().get()
                .uri("/api/products/" + id)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("PRODUCT_NOT_FOUND");
        http().delete()
                .uri("/api/admin/products/" + id)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isNotFound();
        http().get()
                .uri("/api/products?q=" + tag)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aProductInASaleThatIsNotOverCannotBeDeleted() throws SQLException {
        UUID product = createProduct(product(Map.of()));
        String sale = createSale(sale(product, Map.of()));

        http().delete()
                .uri("/api/admin/products/" + product)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("PRODUCT_IN_SALE");
        // An ended sale does not hold its product back.
        UUID other = createProduct(product(Map.of()));
        String ended = createSale(sale(other, Map.of()));
        endInThePast(ended);
        http().delete()
                .uri("/api/admin/products/" + other)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isNoContent();
        // Nor does a cancelled one.
        cancel(sale).expectStatus().isOk();
        http().delete()
                .uri("/api/admin/products/" + product)
                .header("Authorization", bearer(admin))
                .exchange()
                .expectStatus()
                .isNoContent();
        // A deleted product takes no new sale.
        expectInvalid(
                http().post().uri("/api/admin/sales").header("Authorization", bearer(admin)),
                sale(product, Map.of()),
                "productId");
    }

    @Test
    void aProductInAnOpenSaleKeepsItsListPriceAboveTheSalePriceAndItsCurrency() {
        UUID product = createProduct(product(Map.of()));
        String sale = createSale(sale(product, Map.of("price", "99.00")));

        expectInvalid(
                http().put().uri("/api/admin/products/" + product).header("Authorization", bearer(admin)),
                product(Map.of("listPrice", "99.00")),
                "listPrice");
        expectInvalid(
                http().put().uri("/api/admin/products/" + product).header("Authorization", bearer(admin)),
                product(Map.of("currency", "USD")),
                "currency");

        // A new name and list price reach the sales topic as the sale's next version.
        http().put()
                .uri("/api/admin/products/" + product)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(product(Map.of("name", "Renamed", "listPrice", "150.00")))
                .exchange()
                .expectStatus()
                .isOk();
        SaleDefined renamed = awaitVersion(sale, 2);
        assertThat(renamed.productName()).isEqualTo("Renamed");
        assertThat(renamed.listPrice()).isEqualByComparingTo("150.00");
    }

    // --- sales ---

    @Test
    void eachBadSaleFieldIsA400NamingItAndNothingIsWritten() throws SQLException {
        UUID product = createProduct(product(Map.of()));
        Instant now = Instant.now();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("productId", sale(UUID.randomUUID(), Map.of()));
        cases.put("productId ", sale(product, Map.of("productId", "not-a-uuid")));
        cases.put("price", sale(product, Map.of("price", "0")));
        cases.put("price ", sale(product, Map.of("price", "120.00")));
        cases.put("price  ", sale(product, Map.of("price", "130.00")));
        cases.put("price   ", sale(product, Map.of("price", "9.999")));
        cases.put("stock", sale(product, Map.of("stock", 0)));
        cases.put("stock ", sale(product, Map.of("stock", "many")));
        cases.put("startsAt", sale(product, Map.of("startsAt", "tomorrow")));
        cases.put(
                "endsAt",
                sale(
                        product,
                        Map.of(
                                "startsAt",
                                now.plusSeconds(600).toString(),
                                "endsAt",
                                now.plusSeconds(60).toString())));
        cases.put(
                "endsAt ",
                sale(
                        product,
                        Map.of(
                                "startsAt",
                                now.minusSeconds(600).toString(),
                                "endsAt",
                                now.minusSeconds(60).toString())));
        Map<String, Object> noStock = sale(product, Map.of());
        noStock.remove("stock");
        cases.put("stock  ", noStock);
        String existing = createSale(sale(product, Map.of()));
        long before = count("SELECT count(*) FROM catalog.flash_sales");
        String saleRow = row("SELECT sale_price, stock, starts_at, ends_at, version FROM catalog.flash_sales"
                + " WHERE id = '" + existing + "'");

        cases.forEach((field, body) -> {
            expectInvalid(
                    http().post().uri("/api/admin/sales").header("Authorization", bearer(admin)), body, field.strip());
            expectInvalid(
                    http().put().uri("/api/admin/sales/" + existing).header("Authorization", bearer(admin)),
                    body,
                    field.strip());
        });

        assertThat(count("SELECT count(*) FROM catalog.flash_sales")).isEqualTo(before);
        assertThat(row("SELECT sale_price, stock, starts_at, ends_at, version FROM catalog.flash_sales"
                        + " WHERE id = '" + existing + "'"))
                .isEqualTo(saleRow);
    }

    @Test
    void everyChangeOfASaleIsANewVersionOnTheSalesTopicAndACancelledSaleStaysCancelled() {
        UUID product = createProduct(product(Map.of()));
        String sale = createSale(sale(product, Map.of("stock", 10)));
        Instant start = Instant.now().plusSeconds(30);

        http().put()
                .uri("/api/admin/sales/" + sale)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale(
                        product,
                        Map.of(
                                "stock",
                                25,
                                "price",
                                "89.90",
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusSeconds(3600).toString())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.stock")
                .isEqualTo(25);
        SaleDefined changed = awaitVersion(sale, 2);
        assertThat(changed.stock()).isEqualTo(25);
        assertThat(changed.price()).isEqualByComparingTo("89.90");
        assertThat(changed.listPrice()).isEqualByComparingTo("120.00");
        assertThat(changed.cancelledAt()).isNull();

        cancel(sale)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cancelledAt")
                .exists();
        SaleDefined cancelled = awaitVersion(sale, 3);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.stock()).isEqualTo(25);

        cancel(sale)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SALE_CANCELLED");
        http().put()
                .uri("/api/admin/sales/" + sale)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale(product, Map.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.reason")
                .isEqualTo("SALE_CANCELLED");
        http().put()
                .uri("/api/admin/sales/" + UUID.randomUUID())
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale(product, Map.of()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void anEndedSaleCannotBeChanged() throws SQLException {
        UUID product = createProduct(product(Map.of()));
        String sale = createSale(sale(product, Map.of()));
        endInThePast(sale);

        for (var request : List.of(
                http().put().uri("/api/admin/sales/" + sale).header("Authorization", bearer(admin)),
                http().post().uri("/api/admin/sales/" + sale + "/cancel").header("Authorization", bearer(admin)))) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(sale(product, Map.of()))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.reason")
                    .isEqualTo("SALE_ENDED");
        }
    }

    @Test
    void theStockCannotBeSetBelowWhatOrderProcessorReportsSold() throws Exception {
        UUID product = createProduct(product(Map.of()));
        String sale = createSale(sale(product, Map.of("stock", 10)));

        // order-processor's report: 6 of 10 sold.
        kafka.send(
                        Topics.SALE_STATUS,
                        sale,
                        json.writeValueAsString(new SaleStatusChanged(
                                SaleStatusChanged.VERSION, UUID.fromString(sale), 10, 4, 0, 12, 0, Instant.now())))
                .get();
        await().atMost(WAIT)
                .untilAsserted(() -> http().get()
                        .uri("/api/admin/sales/" + sale)
                        .header("Authorization", bearer(admin))
                        .exchange()
                        .expectBody()
                        .jsonPath("$.unitsSold")
                        .isEqualTo(6));

        expectInvalid(
                http().put().uri("/api/admin/sales/" + sale).header("Authorization", bearer(admin)),
                sale(product, Map.of("stock", 5)),
                "stock");
        http().put()
                .uri("/api/admin/sales/" + sale)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sale(product, Map.of("stock", 6)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stock")
                .isEqualTo(6);
    }

    // --- a small DSL ---

    private WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(WAIT)
                .build();
    }

    private void expectInvalid(WebTestClient.RequestBodySpec request, Map<String, Object> body, String field) {
        JsonNode problem = request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.path("reason").asString(""))
                .as("%s for %s", problem, body)
                .isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString("")));
        assertThat(fields).as("%s for %s", problem, body).containsExactly(field);
    }

    private static Map<String, Object> product(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "name",
                "Admin test product",
                "description",
                "Made for a test.",
                "listPrice",
                "120.00",
                "currency",
                "EUR"));
        body.putAll(changes);
        return body;
    }

    private static Map<String, Object> sale(UUID product, Map<String, Object> changes) {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(Map.of(
                "productId",
                product.toString(),
                "price",
                "99.00",
                "stock",
                10,
                "startsAt",
                now.plusSeconds(60).toString(),
                "endsAt",
                now.plusSeconds(3600).toString()));
        body.putAll(changes);
        return body;
    }

    private UUID createProduct(Map<String, Object> body) {
        return UUID.fromString(http().post()
                .uri("/api/admin/products")
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString());
    }

    private String createSale(Map<String, Object> body) {
        return http().post()
                .uri("/api/admin/sales")
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }

    private WebTestClient.ResponseSpec cancel(String sale) {
        return http().method(HttpMethod.POST)
                .uri("/api/admin/sales/" + sale + "/cancel")
                .header("Authorization", bearer(admin))
                .exchange();
    }

    /** The sale's definition at {@code version} as the sales topic carries it. */
    private SaleDefined awaitVersion(String sale, long version) {
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<String, String> r : salesTopic.poll(Duration.ofMillis(200))) {
                SaleDefined d = json.readValue(r.value(), SaleDefined.class);
                published
                        .computeIfAbsent(d.saleId().toString(), k -> new ArrayList<>())
                        .add(d);
            }
            return published.getOrDefault(sale, List.of()).stream().anyMatch(d -> d.version() == version);
        });
        return published.get(sale).stream()
                .filter(d -> d.version() == version)
                .findFirst()
                .orElseThrow();
    }

    /** As if time had passed: the sale's window lies in the past. */
    private static void endInThePast(String sale) throws SQLException {
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement()) {
            s.execute("UPDATE catalog.flash_sales SET starts_at = now() - interval '2 hours',"
                    + " ends_at = now() - interval '1 hour' WHERE id = '" + sale + "'");
        }
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(row(sql));
    }

    private static String row(String sql) throws SQLException {
        try (Connection c = TestInfrastructure.database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return out.toString();
        }
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("catalog-admin-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
