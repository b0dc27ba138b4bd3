package com.flashsale.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the launcher talks: its progress lines on {@code out}, warnings and failures on {@code err},
 * in the words and columns users know from {@code ./flashsale}.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The terminal. */
    public static Console system() {
        return new Console(System.out, System.err);
    }

    /** Nothing shown (a clean-up whose output nobody needs). */
    public static Console silent() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new Console(nowhere, nowhere);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public void say(String line) {
        out.println(line);
    }

    public void print(String text) {
        out.print(text);
        out.flush();
    }

    /** The start of a progress line: two spaces and the component's name in a column of 16. */
    public void begin(String what) {
        print(String.format("  %-16s ", what));
    }

    public void warn(String message) {
        err.println("flashsale: warning: " + message);
    }

    /** Seconds since a {@link System#nanoTime()} start, with one decimal (cut, not rounded). */
    public static String since(long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        return (ms / 1000) + "." + (ms % 1000 / 100);
    }

    /** The last 25 lines of each non-empty log, indented, on stderr. */
    public void showLogTail(List<Path> logs) {
        for (Path log : logs) {
            try {
                if (!Files.isRegularFile(log) || Files.size(log) == 0) {
                    continue;
                }
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                err.println("---- last lines of " + log);
                lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> err.println("    " + l));
            } catch (IOException e) {
                // a log that cannot be read adds nothing to the failure being reported
            }
        }
    }

    /** The last {@code n} lines of a file on stderr (a failed build's log). */
    public void tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            lines.subList(Math.max(0, lines.size() - n), lines.size()).forEach(err::println);
        } catch (IOException e) {
            // nothing to show
        }
    }
}
