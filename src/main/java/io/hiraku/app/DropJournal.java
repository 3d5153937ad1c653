package io.hiraku.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hiraku.publish.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each drop is on its way, kept on disk so that a restart after a crash takes up the drop where
 * it stopped: {@code journal/<department>/<file>.json}, written durably at every step
 * (received → archived → building → released → published, or rejected/unchanged/failed; then
 * receipted for each dataset the file feeds, and done). The entry pins the time the drop was received
 * and the instant of each dataset's release, so that doing a step again writes the same release, the
 * same receipt names and the same objects: every step is safe to repeat. The entry is removed once the
 * drop is done and its file deleted; an operator can read the folder to see what is in flight.
 */
public final class DropJournal {
    private static final Logger LOG = LoggerFactory.getLogger(DropJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The steps of a drop, and of each dataset it feeds. */
    public enum State { ARCHIVED, QUEUED, BUILDING, RELEASED, PENDING, PUBLISHED, REJECTED, UNCHANGED, FAILED, RECEIPTED, DONE }

    /** One drop: its identity (department, file, sha256), when it was received, and each dataset's step. */
    public record Entry(String department, String fileName, long bytes, String sha256, String receivedAt,
                        State state, Map<String, DatasetStep> datasets) {
        public Instant received() {
            return Instant.parse(receivedAt);
        }

        Entry with(State next) {
            return new Entry(department, fileName, bytes, sha256, receivedAt, next, datasets);
        }

        Entry with(String dataset, DatasetStep step) {
            Map<String, DatasetStep> all = new LinkedHashMap<>(datasets);
            all.put(dataset, step);
            return new Entry(department, fileName, bytes, sha256, receivedAt, state, all);
        }

        /** The worst outcome of the datasets the drop fed (what {@code publish --once} counts). */
        IngestJob.Outcome outcome() {
            IngestJob.Outcome worst = IngestJob.Outcome.values()[0];
            for (DatasetStep step : datasets.values()) {
                if (step.outcome() != null && step.outcome().ordinal() > worst.ordinal()) {
                    worst = step.outcome();
                }
            }
            return worst;
        }
    }

    /**
     * A dataset's step (under the key "" when the drop was refused before a dataset was found): {@code created} is the release instant (its id), pinned when the build starts;
     * {@code outcome} is set once the receipt is written.
     */
    public record DatasetStep(State state, String created, IngestJob.Outcome outcome) {
    }

    private final Path folder;

    public DropJournal(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /**
     * The entry of a drop about to be worked on: the one left by an interrupted run when the same bytes
     * were dropped under the same name (the drop is taken up again), else a new one received now.
     */
    public synchronized Entry begin(String department, String fileName, long bytes, String sha256, Instant now)
            throws IOException {
        Optional<Entry> earlier = read(department, fileName);
        if (earlier.isPresent() && earlier.get().sha256().equals(sha256)) {
            LOG.info("{}/{}: taken up again after an interrupted run (was {}, received {})", department,
                    FileNames.printable(fileName),
                    earlier.get().state(), earlier.get().receivedAt());
            return earlier.get();
        }
        if (earlier.isPresent()) {
            LOG.warn("{}/{}: replaced by different content after an interrupted run (was {}); the new file is a new drop",
                    department, FileNames.printable(fileName), earlier.get().state());
        }
        Entry entry = new Entry(department, fileName, bytes, sha256, now.toString(), State.ARCHIVED, Map.of());
        write(entry);
        return entry;
    }

    /** Records a dataset's step; {@code created} null keeps the instant pinned earlier. */
    public synchronized void step(IngestJob job, State state, Instant created) throws IOException {
        Optional<Entry> entry = read(job.getDepartment(), job.getFileName());
        if (entry.isEmpty() || !entry.get().sha256().equals(job.getSha256())) {
            return;
        }
        String id = job.getDataset() == null ? "" : job.getDataset().id();
        DatasetStep before = entry.get().datasets().get(id);
        String pinned = created != null ? created.toString() : before == null ? null : before.created();
        IngestJob.Outcome outcome = state == State.RECEIPTED ? job.getOutcome() : null;
        write(entry.get().with(id, new DatasetStep(state, pinned, outcome)));
        LOG.debug("{}: {}", job, state);
    }

    /** The release instant pinned for this drop's dataset by an earlier, interrupted attempt. */
    public synchronized Optional<Instant> pinnedRelease(IngestJob job) throws IOException {
        return read(job.getDepartment(), job.getFileName())
                .filter(e -> e.sha256().equals(job.getSha256()))
                .map(e -> e.datasets().get(job.getDataset().id()))
                .map(DatasetStep::created)
                .map(Instant::parse);
    }

    /** Marks the whole drop done (every receipt written); its file may now be deleted. */
    public synchronized void done(String department, String fileName) throws IOException {
        Optional<Entry> entry = read(department, fileName);
        if (entry.isPresent()) {
            write(entry.get().with(State.DONE));
        }
    }

    /** Forgets a drop whose file is gone. */
    public synchronized void close(String department, String fileName) throws IOException {
        Files.deleteIfExists(file(department, fileName));
    }

    public synchronized Optional<Entry> read(String department, String fileName) throws IOException {
        return read(file(department, fileName));
    }

    private static Optional<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Entry.class));
        } catch (IOException e) {
            LOG.warn("Unreadable journal entry {} ({}); the drop starts over", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every entry on disk (drops in flight, or left by an interrupted run). */
    public synchronized List<Entry> entries() throws IOException {
        List<Entry> all = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.walk(folder, 2)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !DurableFiles.isTemporary(p)).toList()) {
                read(p).ifPresent(all::add);
            }
        }
        return all;
    }

    private void write(Entry entry) throws IOException {
        DurableFiles.write(file(entry.department(), entry.fileName()), JSON.writeValueAsBytes(entry));
    }

    private Path file(String department, String fileName) {
        return folder.resolve(department.isEmpty() ? "_" : department)
                .resolve(FileNames.shortened(fileName, FileNames.DERIVED_MAX_BYTES) + ".json");
    }
}
