package com.flashsale.orders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules stay plain Java: no Spring, Kafka or R2DBC in the packages that hold them; and the
 * capabilities depend on each other one way only.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.flashsale.orders");

    @Test
    void rulePackagesDependOnNoFrameworkOrDriver() {
        noClasses()
                .that()
                .resideInAnyPackage("com.flashsale.orders.purchase", "com.flashsale.orders.lag")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.r2dbc..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        slices().matching("com.flashsale.orders.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void theSchemaScriptsComeOnlyFromTheOrdersSchemaModule() throws IOException {
        // A script kept in order-processor would migrate the service but not its readers' tests (docs/adr/0013).
        List<URL> locations = Collections.list(getClass().getClassLoader().getResources("db/migration/orders"));
        assertThat(locations)
                .as("classpath roots holding db/migration/orders: put every orders script in orders-schema/")
                .singleElement()
                .satisfies(url -> assertThat(url.toString()).contains("orders-schema"));
    }
}
