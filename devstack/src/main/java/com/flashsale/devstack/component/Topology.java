package com.flashsale.devstack.component;

import com.flashsale.devstack.StackException;
import com.flashsale.devstack.settings.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The components of a stack in start order: one of each kind, as many order-processors and edges as
 * the settings say, and any further instance that still has a PID file (so that {@code down} stops
 * what an earlier {@code up --edges 3} started).
 */
public final class Topology {

    private static final Pattern INSTANCE_PID = Pattern.compile("(order-processor|edge-api)-([0-9]+)\\.pid");

    private final List<Component> all;

    private Topology(List<Component> all) {
        this.all = all;
    }

    public static Topology of(StackSettings settings) {
        int processors = Math.max(settings.processors(), highestWithPidFile(settings.runDir(), Kind.ORDERS));
        int edges = Math.max(settings.edges(), highestWithPidFile(settings.runDir(), Kind.EDGE));
        List<Component> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            int count = kind == Kind.ORDERS ? processors : kind == Kind.EDGE ? edges : 1;
            for (int i = 1; i <= count; i++) {
                all.add(new Component(kind, i));
            }
        }
        return new Topology(List.copyOf(all));
    }

    public List<Component> all() {
        return all;
    }

    /**
     * The named components in start order, all when none are named. A kind's name stands for all its
     * instances, {@code edge-api-2} for one, {@code edge-api-1} for the first alone.
     */
    public List<Component> select(Collection<String> names) {
        for (String name : names) {
            if (all.stream()
                    .noneMatch(c -> c.name().equals(name)
                            || c.own().equals(name)
                            || c.kind().id().equals(name))) {
                throw new StackException("unknown component '" + name + "' (components: " + names() + ")");
            }
        }
        if (names.isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(c -> names.contains(c.name())
                        || names.contains(c.own())
                        || names.contains(c.kind().id()))
                .toList();
    }

    public List<Component> ofKind(Kind kind) {
        return all.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The names users may give: the kinds, then the further instances. */
    public String names() {
        return Stream.concat(
                        Arrays.stream(Kind.values()).map(Kind::id),
                        all.stream().filter(c -> c.instance() > 1).map(Component::name))
                .collect(Collectors.joining(" "));
    }

    private static int highestWithPidFile(Path runDir, Kind kind) {
        if (!Files.isDirectory(runDir)) {
            return 1;
        }
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(file -> INSTANCE_PID.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .filter(m -> m.group(1).equals(kind.id()))
                    .mapToInt(m -> Integer.parseInt(m.group(2)))
                    .max()
                    .orElse(1);
        } catch (IOException e) {
            return 1;
        }
    }
}
