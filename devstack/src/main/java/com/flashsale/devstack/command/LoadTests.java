package com.flashsale.devstack.command;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.process.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The load-tests module compiled with its test classpath written out, for the burst and the bench to run. */
final class LoadTests {

    private LoadTests() {}

    /** mvn -pl load-tests -am test-compile; the classpath of its test classes (log in {@code log}). */
    static String compile(Path root, Map<String, String> environment, Console console, Path log) {
        long start = System.nanoTime();
        console.begin("load-tests");
        console.print("compiling (mvn -pl load-tests -am test-compile) ...");
        // The classpath file is written by every module of the reactor into its own target/; load-tests' is used.
        int code = Commands.run(
                root,
                environment,
                List.of(
                        "mvn",
                        "-B",
                        "-q",
                        "-ntp",
                        "-Dstyle.color=never",
                        "-pl",
                        "load-tests",
                        "-am",
                        "test-compile",
                        "dependency:build-classpath",
                        "-Dmdep.outputFile=target/test-classpath.txt"),
                ProcessBuilder.Redirect.to(log.toFile()));
        if (code != 0) {
            console.print(" failed\n");
            console.tail(log, 40);
            throw new StackException("building load-tests failed; see " + log);
        }
        console.print(" done (" + Console.since(start) + " s)\n");
        Path lt = root.resolve("load-tests");
        try {
            return lt.resolve("target/test-classes") + ":" + lt.resolve("target/classes") + ":"
                    + Files.readString(lt.resolve("target/test-classpath.txt")).trim();
        } catch (IOException e) {
            throw new StackException("cannot read " + lt.resolve("target/test-classpath.txt"));
        }
    }
}
