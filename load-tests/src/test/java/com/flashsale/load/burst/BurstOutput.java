package com.flashsale.load.burst;

import java.io.PrintStream;

/** Where the burst prints its own lines: the real standard output, even while Gatling's chatter goes to a log. */
public final class BurstOutput {

    private static volatile PrintStream out = System.out;

    private BurstOutput() {}

    public static void use(PrintStream stream) {
        out = stream;
    }

    static void say(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
        out.flush();
    }
}
