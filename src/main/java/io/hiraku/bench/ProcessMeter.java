package io.hiraku.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a program as a child process and measures it from outside: wall time from start to exit and
 * peak RSS read from {@code /proc/<pid>/status} ({@code VmHWM}, which only grows) every few
 * milliseconds until it exits. Measuring from outside puts Hiraku's JVM and Miller on the same footing.
 */
public final class ProcessMeter {
    private static final long POLL_MILLIS = 5;

    private ProcessMeter() {
    }

    /** Runs {@code command} with its output going to {@code log}; the measurement names it {@code name}. */
    public static Measurement run(String name, List<String> command, long rows, long bytes, Path log)
            throws IOException, InterruptedException {
        return run(name, command, rows, bytes, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())));
    }

    /** The same with the program's output thrown away (a converter's output is not what is measured). */
    public static Measurement runDiscardingOutput(String name, List<String> command, long rows, long bytes, Path log)
            throws IOException, InterruptedException {
        return run(name, command, rows, bytes, new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.to(log.toFile())));
    }

    private static Measurement run(String name, List<String> command, long rows, long bytes, ProcessBuilder builder)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc/" + process.pid() + "/status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(name, String.join(" ", command), rows, bytes, seconds, peak, process.exitValue());
    }

    /** VmHWM in bytes, or 0 when the process is gone or the system has no /proc. */
    static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between the check and the read
        }
        return 0;
    }
}
