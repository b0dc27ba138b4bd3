package com.flashsale.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A test that failed because something never answered (a {@link TimeoutException} anywhere in its
 * cause chain, e.g. WebTestClient's "Timeout on blocking read") prints every thread of the JVM with
 * its stack and locks before the failure is reported: a rare hang seen only on CI leaves the state
 * of the event loops, pools and consumers behind, not just the line that waited. Registered by
 * {@code META-INF/services}; a module turns it on with {@code junit.jupiter.extensions.autodetection.enabled}.
 */
public final class ThreadsOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (causedByTimeout(failure)) {
            StringBuilder dump = new StringBuilder("==== threads when ")
                    .append(context.getDisplayName())
                    .append(" timed out (")
                    .append(failure)
                    .append(")\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(describe(thread));
            }
            System.err.println(dump.append("==== end of threads"));
        }
        throw failure;
    }

    static boolean causedByTimeout(Throwable failure) {
        // Bounded: a cause chain may loop (a -> b -> a).
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** ThreadInfo.toString() stops after 8 frames: the whole stack, with what each thread waits on. */
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"")
                .append(thread.getThreadName())
                .append("\" ")
                .append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("    at ").append(frame).append('\n');
        }
        return text.append('\n').toString();
    }
}
