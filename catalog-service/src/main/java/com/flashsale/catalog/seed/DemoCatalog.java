package com.flashsale.catalog.seed;

import com.flashsale.auth.Caller;
import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.catalog.user.UserAccount;
import com.flashsale.catalog.user.UserAccounts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local profile only: seeds a fresh database (one without users) with the test accounts and a demo product with two
 * sales: one open for 24 hours from the first start, one that opens 10 minutes after it. Fixed ids
 * and conflict-free inserts keep it harmless when two instances start at once.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "flashsale.seed.enabled", havingValue = "true")
class DemoCatalog implements ApplicationRunner {

    static final String PASSWORD = "Satu123";
    static final UUID PRODUCT_ID = id("demo-product");
    static final UUID ACTIVE_SALE_ID = id("demo-sale-active");
    static final UUID UPCOMING_SALE_ID = id("demo-sale-upcoming");

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private final DatabaseClient db;
    private final UserAccounts accounts;
    private final Products products;
    private final FlashSales sales;
    private final PasswordEncoder passwords;
    private final Clock clock;

    DemoCatalog(
            DatabaseClient db,
            UserAccounts accounts,
            Products products,
            FlashSales sales,
            PasswordEncoder passwords,
            Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.products = products;
        this.sales = sales;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long users = db.sql("SELECT count(*) AS n FROM catalog.users")
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(30));
        if (users != null && users > 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String hash = passwords.encode(PASSWORD);
        Flux.just(
                        account("admin", Caller.Role.ADMIN, hash),
                        account("user1", Caller.Role.USER, hash),
                        account("user2", Caller.Role.USER, hash))
                .concatMap(accounts::addIfAbsent)
                .then(products.add(new Product(
                        PRODUCT_ID,
                        "Aurora noise-cancelling headphones",
                        "Wireless over-ear headphones with 40 hours of battery.",
                        new BigDecimal("249.00"),
                        "EUR",
                        "/images/demo-headphones.svg",
                        null)))
                .then(sales.add(sale(ACTIVE_SALE_ID, now, now.plus(Duration.ofHours(24)))))
                .then(sales.add(
                        sale(UPCOMING_SALE_ID, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofHours(24)))))
                .then(Mono.fromRunnable(
                        () -> log.info("Seeded a fresh database: accounts admin, user1, user2 and a demo sale")))
                .block(Duration.ofSeconds(60));
    }

    private static UserAccount account(String username, Caller.Role role, String hash) {
        return UserAccount.create(id("user-" + username), username, hash, role);
    }

    private static FlashSale sale(UUID id, Instant startsAt, Instant endsAt) {
        return new FlashSale(id, PRODUCT_ID, null, new BigDecimal("99.00"), "EUR", 100, startsAt, endsAt, 1);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("flashsale-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
