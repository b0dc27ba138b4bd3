package com.flashsale.devstack.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void readsAPostgresqlUrlWithUserPasswordPortAndDatabase() {
        assertThat(Database.parse("postgresql://shop:secret@db.local:6543/sales", Map.of()))
                .isEqualTo(new Database("db.local", 6543, "sales", "shop", "secret"));
    }

    @Test
    void readsAJdbcUrlWithItsUserAndPasswordAsParameters() {
        assertThat(Database.parse("jdbc:postgresql://10.0.0.5/flash?user=app&password=p%40ss&ssl=false", Map.of()))
                .isEqualTo(new Database("10.0.0.5", 5432, "flash", "app", "p@ss"));
    }

    @Test
    void fallsBackToTheUsernameAndPasswordVariablesAndTheDefaultDatabase() {
        assertThat(Database.parse(
                        "postgres://127.0.0.1:5432",
                        Map.of("FLASHSALE_DB_USERNAME", "u", "FLASHSALE_DB_PASSWORD", "p")))
                .isEqualTo(new Database("127.0.0.1", 5432, "flashsale", "u", "p"));
    }

    @Test
    void takesAnIpv6HostOutOfItsBracketsAndPutsThemBackForJdbc() {
        Database db = Database.parse("postgresql://postgres@[::1]:5433/flashsale_bench", Map.of());
        assertThat(db.host()).isEqualTo("::1");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/flashsale_bench");
    }

    @Test
    void percentDecodingKeepsAPlusAndUtf8() {
        assertThat(Database.decode("a+b%20c%C3%A4")).isEqualTo("a+b cä");
    }
}
