package com.flashsale.devstack;

import com.flashsale.devstack.command.Bench;
import com.flashsale.devstack.command.Burst;
import com.flashsale.devstack.command.TestRun;
import com.flashsale.devstack.command.Usage;
import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The launcher that {@code ./flashsale} hands over to: one command and its arguments, the same
 * words, messages and exit codes as ever (a failure: {@code flashsale: <why>} on stderr, exit 1).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, LocalStack.repositoryRoot(), System.getenv(), Console.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; its exit code. */
    public static int run(String[] args, Path root, Map<String, String> environment, Console console) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        LocalStack stack = LocalStack.of(root, environment, console);
        try {
            switch (command) {
                case "up" -> up(stack, rest);
                case "down" -> stack.down(rest.toArray(String[]::new));
                case "status" -> stack.status();
                case "kill" -> {
                    if (rest.size() != 1) {
                        throw new StackException("usage: ./flashsale kill <component>  (components: "
                                + com.flashsale.devstack.component.Topology.of(stack.settings())
                                        .names() + ")");
                    }
                    stack.kill(rest.get(0));
                }
                case "reset" -> stack.reset();
                case "test" -> {
                    return new TestRun(stack).run();
                }
                case "burst" -> {
                    return new Burst(stack).run(rest);
                }
                case "bench" -> {
                    return new Bench(stack).run(rest);
                }
                case "help", "-h", "--help" -> console.print(Usage.text());
                default -> {
                    console.err().print(Usage.text());
                    throw new StackException("unknown command '" + command + "'");
                }
            }
            return 0;
        } catch (StackException e) {
            console.out().flush();
            console.err().println("flashsale: " + e.getMessage());
            return e.exitCode();
        }
    }

    private static void up(LocalStack stack, List<String> args) {
        OptionalInt edges = OptionalInt.empty();
        OptionalInt processors = OptionalInt.empty();
        List<String> components = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--edges") || arg.equals("--processors")) {
                int max = arg.equals("--edges") ? StackSettings.MAX_EDGES : StackSettings.MAX_PROCESSORS;
                String value = i + 1 < args.size() ? args.get(++i) : "";
                if (!value.matches("[1-9][0-9]?") || Integer.parseInt(value) > max) {
                    throw new StackException(arg + " needs a number from 1 to " + max);
                }
                if (arg.equals("--edges")) {
                    edges = OptionalInt.of(Integer.parseInt(value));
                } else {
                    processors = OptionalInt.of(Integer.parseInt(value));
                }
            } else if (arg.startsWith("-")) {
                throw new StackException("usage: ./flashsale up [--edges N] [--processors N] [component...]");
            } else {
                components.add(arg);
            }
        }
        stack.up(edges, processors, components);
    }
}
