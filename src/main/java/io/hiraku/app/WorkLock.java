package io.hiraku.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One Hiraku at a time in a work folder: {@code run}, {@code publish --once}, {@code prune} and
 * {@code withdraw} each hold {@code <work>/hiraku.lock} (an operating-system lock, let go when the process
 * ends however it ends) while they work. Two pipelines in one work folder (a {@code publish --once} from cron
 * still running when the next one starts, a second {@code run} started by hand) would take the same drops
 * twice; a withdrawal while the pipeline publishes the same dataset could mix two releases' files. The
 * file says who holds it, for the message the next one prints.
 */
final class WorkLock implements AutoCloseable {
    static final String FILE = "hiraku.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private WorkLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another Hiraku holds the work folder. */
    static final class Busy extends Exception {
        private final boolean takesRequests;

        Busy(String message, boolean takesRequests) {
            super(message);
            this.takesRequests = takesRequests;
        }

        /** Whether the holder is a {@code run} that does withdrawals and prunes handed over to it. */
        boolean takesRequests() {
            return takesRequests;
        }
    }

    /** Takes the work folder for a command. */
    static WorkLock take(Path work, String command) throws IOException, Busy {
        Files.createDirectories(work);
        Path file = work.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this very JVM
        }
        if (lock == null) {
            String holder = holder(channel).orElse("another process");
            channel.close();
            throw new Busy("another Hiraku is working in " + work.toAbsolutePath() + " (" + holder + "); nothing was "
                    + "done. Wait for it to end, or stop it first (a drop waits in its folder meanwhile)",
                    holder.contains(OperatorRequests.TAKES));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + command + " since "
                + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new WorkLock(channel, lock);
    }

    /**
     * Who holds the work folder now, found without taking it (for {@code status}, which must never stand in a
     * starting run's way): the holder the lock file names, while that process lives. A holder that ended leaves its
     * text behind, and its pid may be another process's by now: one started after the lock was taken is not it.
     */
    static Optional<String> heldBy(Path work) throws IOException {
        Path file = work.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("pid (\\d+), .* since (\\S+)").matcher(text);
        if (!said.matches()) {
            return Optional.empty();
        }
        Instant since;
        try {
            since = Instant.parse(said.group(2));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(said.group(1))).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(start -> !start.isAfter(since)).orElse(true))
                .map(p -> text);
    }

    private static Optional<String> holder(FileChannel channel) {
        try {
            ByteBuffer text = ByteBuffer.allocate(512);
            channel.read(text, 0);
            String said = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
            return said.isEmpty() ? Optional.empty() : Optional.of(said);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        channel.truncate(0);   // nobody holds it now (status reads the holder from the file)
        lock.release();
        channel.close();
    }
}
