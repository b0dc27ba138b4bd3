package com.flashsale.devstack.process;

import com.flashsale.devstack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a command to its end in a folder, with exactly the given environment and no input; its exit code. */
public final class Commands {

    private Commands() {}

    /** {@code output}: INHERIT keeps the command's two streams apart on the launcher's; anything else gets both. */
    public static int run(
            Path dir, Map<String, String> environment, List<String> command, ProcessBuilder.Redirect output) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(dir.toFile())
                    .redirectOutput(output)
                    .redirectInput(new File("/dev/null"));
            if (output == ProcessBuilder.Redirect.INHERIT) {
                builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            } else {
                builder.redirectErrorStream(true);
            }
            builder.environment().clear();
            builder.environment().putAll(environment);
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new StackException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", 130);
        }
    }
}
