package com.flashsale.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders the launcher wipes (a stack's data, an old test home, the isolated Maven repository). */
public final class Folders {

    private Folders() {}

    /** Deletes the folder and everything in it (links are removed, never followed); nothing if it is absent. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StackException("cannot wipe " + dir + ": " + e.getMessage());
        }
    }
}
