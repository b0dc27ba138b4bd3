package com.flashsale.devstack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which TCP ports listen on this machine (from {@code /proc/net}), and who holds one. */
public final class Ports {

    private static final Pattern OWNER = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=([0-9]*)");

    private Ports() {}

    /** Whether any address of this machine listens on the port (as {@code ss -tln "sport = :port"}). */
    public static boolean listening(int port) {
        String hex = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // local_address is field 1 (address:port in hex), st field 3; 0A is LISTEN
                    if (fields.length > 3 && fields[1].endsWith(hex) && fields[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no IPv6 table on this machine
            }
        }
        return false;
    }

    /** " (pid N, name)" of the process listening on the port, or "" when {@code ss} cannot say. */
    public static String owner(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htlnp", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            Matcher m = OWNER.matcher(output);
            return m.find() ? " (pid " + m.group(2) + ", " + m.group(1) + ")" : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether a TCP connection to host:port opens within three seconds. */
    public static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
