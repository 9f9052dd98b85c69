package vn.canhgac.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What Linux reports about one process at one moment: resident memory now ({@code VmRSS}) and
 * at its peak ({@code VmHWM}), and the CPU time it has used so far (user + system).
 *
 * @param nanoTime         when the sample was taken, on the monotonic clock
 * @param cpuTicks         utime + stime from {@code /proc/PID/stat}, in clock ticks
 * @param threads          the process's threads ({@code Threads:} in its status)
 */
record ProcessSample(long pid, long nanoTime, long residentKib, long peakResidentKib, long cpuTicks, int threads) {

    private static final long TICKS_PER_SECOND = clockTicksPerSecond();

    static ProcessSample of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String status = Files.readString(proc.resolve("status"), StandardCharsets.US_ASCII);
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            return new ProcessSample(pid, System.nanoTime(), field(status, "VmRSS:"), field(status, "VmHWM:"), cpuTicks(stat),
                    (int) field(status, "Threads:"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + " (has process " + pid + " exited?): " + e.getMessage(), e);
        }
    }

    double residentMib() {
        return residentKib / 1024.0;
    }

    double peakResidentMib() {
        return peakResidentKib / 1024.0;
    }

    /** CPU used between two samples of the same process, as a percentage of one core's time. */
    static double cpuPercentOfOneCore(ProcessSample start, ProcessSample end) {
        if (start.pid != end.pid) {
            throw new IllegalArgumentException("samples of different processes (" + start.pid + ", " + end.pid + ")");
        }
        double cpuSeconds = (end.cpuTicks - start.cpuTicks) / (double) TICKS_PER_SECOND;
        double wallSeconds = (end.nanoTime - start.nanoTime) / 1e9;
        return wallSeconds <= 0 ? 0 : 100.0 * cpuSeconds / wallSeconds;
    }

    /** A numeric status field; memory fields are in KiB. */
    private static long field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException("/proc status has no " + key + " line; is this Linux?");
    }

    /** utime and stime are fields 14 and 15; counting starts after the command name, which may hold spaces. */
    private static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** USER_HZ; 100 on every mainstream Linux build, asked of getconf in case this one differs. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor(5, TimeUnit.SECONDS) && answer.matches("[1-9][0-9]*") ? Long.parseLong(answer) : 100;
        } catch (IOException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
