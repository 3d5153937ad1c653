package io.hiraku.bench;

/**
 * One timed run of one program over the benchmark file: wall time, peak resident memory (the
 * kernel's high-water mark of the process, {@code VmHWM}) and exit code.
 */
public record Measurement(String name, String command, long rows, long bytes, double seconds, long peakRssBytes,
        int exitCode) {

    public double rowsPerSecond() {
        return rows / seconds;
    }

    public double megabytesPerSecond() {
        return bytes / 1_000_000.0 / seconds;
    }

    public double peakRssMebibytes() {
        return peakRssBytes / (1024.0 * 1024.0);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
