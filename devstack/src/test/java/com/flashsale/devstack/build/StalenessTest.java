package com.flashsale.devstack.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalenessTest {

    private static final Instant BUILT = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path root;

    private Staleness staleness;

    @BeforeEach
    void aBuiltTree() throws Exception {
        staleness = new Staleness(root);
        for (String file : new String[] {
            "pom.xml", "edge-api/pom.xml", "edge-api/src/main/java/A.java", "contracts/src/main/java/C.java"
        }) {
            write(file, BUILT.minusSeconds(60));
        }
        write("edge-api/target/edge-api.jar", BUILT);
    }

    private Path write(String file, Instant modified) throws Exception {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, file);
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    @Test
    void aJarNewerThanEverySourceIsFresh() {
        assertThat(staleness.moduleStale("edge-api")).isFalse();
    }

    @Test
    void aMissingJarIsStale() {
        assertThat(staleness.moduleStale("order-processor")).isTrue();
    }

    @Test
    void aChangedSourceOfTheModuleOrOfASharedModuleOrAPomMakesItStale() throws Exception {
        write("edge-api/src/main/java/A.java", BUILT.plusSeconds(1));
        assertThat(staleness.moduleStale("edge-api")).isTrue();

        write("edge-api/src/main/java/A.java", BUILT.minusSeconds(1));
        write("shared-web/src/main/java/W.java", BUILT.plusSeconds(1));
        assertThat(staleness.moduleStale("edge-api")).isTrue();

        write("shared-web/src/main/java/W.java", BUILT.minusSeconds(1));
        write("pom.xml", BUILT.plusSeconds(1));
        assertThat(staleness.moduleStale("edge-api")).isTrue();
    }

    @Test
    void aChangedTestDoesNotRebuildTheJar() throws Exception {
        write("edge-api/src/test/java/ATest.java", BUILT.plusSeconds(1));
        assertThat(staleness.moduleStale("edge-api")).isFalse();
    }

    @Test
    void devstackIsStaleWithoutItsCopiedBroker() throws Exception {
        write("devstack/target/devstack.jar", BUILT);
        assertThat(staleness.moduleStale("devstack")).isTrue();
        Files.createDirectories(root.resolve("devstack/target/kafka-lib"));
        assertThat(staleness.moduleStale("devstack")).isFalse();
    }

    @Test
    void theFrontendIsStaleWhenASourceIsNewerThanItsPagesButNotForItsDependenciesOrTests() throws Exception {
        write("frontend/app/page.tsx", BUILT.minusSeconds(1));
        assertThat(staleness.frontendStale()).as("never built").isTrue();
        write("frontend/out/index.html", BUILT);
        assertThat(staleness.frontendStale()).isFalse();

        write("frontend/node_modules/x/index.js", BUILT.plusSeconds(1));
        write("frontend/tests/browser.mjs", BUILT.plusSeconds(1));
        write("frontend/tsconfig.tsbuildinfo", BUILT.plusSeconds(1));
        write("frontend/next-env.d.ts", BUILT.plusSeconds(1));
        assertThat(staleness.frontendStale()).isFalse();

        write("frontend/app/page.tsx", BUILT.plusSeconds(1));
        assertThat(staleness.frontendStale()).isTrue();
    }
}
