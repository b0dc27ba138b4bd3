package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time from /proc, in clock ticks (1/100 s): of one process of the stack, and of the whole machine. */
final class CpuTicks {

    private CpuTicks() {}

    /** utime + stime of a stack process (PID from {@code runDir/<component>.pid}), all its threads, JIT included. */
    static long of(Path runDir, String component) {
        try {
            return ofStat(Files.readString(Path.of("/proc", pid(runDir, component), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The PID of a stack process, from {@code runDir/<component>.pid}. */
    static String pid(Path runDir, String component) throws IOException {
        return Files.readString(runDir.resolve(component + ".pid")).trim();
    }

    /** utime + stime of one {@code /proc/.../stat} line (a process's or a thread's). */
    static long ofStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Busy and total ticks of all cores, from /proc/stat (busy: all but idle and iowait). */
    static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The share of all cores busy between two {@link #machine()} readings. */
    static double busyShare(long[] before, long[] after) {
        return after[1] == before[1] ? 0 : (double) (after[0] - before[0]) / (after[1] - before[1]);
    }
}
