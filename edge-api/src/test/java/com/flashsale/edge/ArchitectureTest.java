package com.flashsale.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules stay plain Java: no Spring, Kafka or R2DBC in the packages that hold them; and the
 * capabilities depend on each other one way only.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.flashsale.edge");

    @Test
    void rulePackagesDependOnNoFrameworkOrDriver() {
        noClasses()
                .that()
                .resideInAnyPackage("com.flashsale.edge.purchase", "com.flashsale.edge.sale")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.r2dbc..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        slices().matching("com.flashsale.edge.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
