package io.hiraku.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.publish.DurableFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdrawals and prunes while {@code run} runs, with no stop of it: the command, finding the work folder held
 * by a local {@code run}, writes its request to {@code <work>/requests/<id>.json} and waits; the run (route
 * {@code operator-requests}) takes it ({@code <id>.taken}), does it between two drops ({@link PipelineGate})
 * with its own settings, and writes the answer ({@code <id>.result.json}: exit code and what the command
 * would have printed), which the command prints and deletes. A request the command withdrew (Ctrl-C), or
 * that waited longer than {@link #EXPIRY}, is not done; a run that stops before taking it leaves it to the
 * command, which then does it itself.
 */
public final class OperatorRequests {
    /** What a {@code run} that takes requests says in the work folder's lock. */
    static final String TAKES = "(takes withdraw and prune requests)";
    static final Duration EXPIRY = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(OperatorRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = ".json";
    private static final String TAKEN = ".taken";
    private static final String RESULT = ".result.json";

    private final Settings settings;
    private final PipelineGate gate;
    private final Clock clock;

    OperatorRequests(Settings settings, PipelineGate gate, Clock clock) {
        this.settings = settings;
        this.gate = gate;
        this.clock = clock;
    }

    static Path folder(Path work) {
        return work.resolve("requests");
    }

    /** In the run: does every request waiting, oldest first, and answers each. */
    public void handlePending() throws IOException {
        Path folder = folder(settings.work());
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> waiting;
        try (Stream<Path> files = Files.list(folder)) {
            waiting = files.filter(OperatorRequests::isRequest).sorted().toList();
        }
        for (Path request : waiting) {
            String id = request.getFileName().toString();
            id = id.substring(0, id.length() - REQUEST.length());
            Path taken = folder.resolve(id + TAKEN);
            try {
                Files.move(request, taken, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue; // the command took it back
            }
            answer(id, taken);
        }
    }

    private static boolean isRequest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(REQUEST) && !name.endsWith(RESULT) && !name.startsWith(".");
    }

    private void answer(String id, Path taken) throws IOException {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int exit;
        String command = "?";
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            try {
                JsonNode read = JSON.readTree(taken.toFile());
                Instant asked = Instant.parse(read.path("requestedAt").asText());
                OperatorRequest request = JSON.treeToValue(read.path("request"), OperatorRequest.class);
                command = request.command();
                if (asked.plus(EXPIRY).isBefore(clock.instant())) {
                    err.println("hiraku: the request waited since " + asked + ", longer than " + EXPIRY.toMinutes()
                            + " minutes: not done; give the command again");
                    exit = HirakuCommand.OPERATIONAL_ERROR;
                } else {
                    LOG.info("Doing the {} request {} handed over by a command: {}", command, id, request);
                    exit = gate.exclusively(() -> request.execute(settings, out, err));
                }
            } catch (Exception e) {
                LOG.error("The {} request {} failed", command, id, e);
                err.println("hiraku: " + e.getMessage());
                exit = HirakuCommand.OPERATIONAL_ERROR;
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("exit", exit);
        result.put("out", outBytes.toString(StandardCharsets.UTF_8));
        result.put("err", errBytes.toString(StandardCharsets.UTF_8));
        DurableFiles.write(taken.resolveSibling(id + RESULT), JSON.writeValueAsBytes(result));
        Files.delete(taken);
        LOG.info("The {} request {} is done: exit {}", command, id, exit);
    }

    /**
     * In the command: hands the request to the run holding the work folder and prints its answer; if the run
     * stops before taking it, does it itself. @return the command's exit code
     */
    static int handOver(Settings settings, OperatorRequest request, PrintStream out, PrintStream err) throws Exception {
        Path folder = Files.createDirectories(folder(settings.work()));
        String id = Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = folder.resolve(id + REQUEST);
        Path taken = folder.resolve(id + TAKEN);
        Path result = folder.resolve(id + RESULT);
        ObjectNode asked = JSON.createObjectNode();
        asked.put("requestedAt", Instant.now().toString());
        asked.set("request", JSON.valueToTree(request));
        DurableFiles.write(file, JSON.writeValueAsBytes(asked));
        err.println("hiraku: the pipeline running in " + settings.work().toAbsolutePath() + " does the " + request.command()
                + ", between two drops; waiting for it (request " + file.getFileName() + ")");
        // Ctrl-C before the run took it: it is not done
        Thread withdraw = new Thread(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the run takes it; its answer stays in the folder
            }
        });
        Runtime.getRuntime().addShutdownHook(withdraw);
        try {
            while (true) {
                if (Files.exists(result)) {
                    JsonNode answer = JSON.readTree(result.toFile());
                    out.print(answer.path("out").asText());
                    err.print(answer.path("err").asText());
                    Files.delete(result);
                    return answer.path("exit").asInt();
                }
                boolean waiting = Files.exists(file);
                if ((waiting || Files.exists(taken)) && !Files.exists(result) && runStopped(settings.work())) {
                    if (waiting && Files.deleteIfExists(file)) {
                        err.println("hiraku: the pipeline stopped before doing it; doing it here");
                        return HirakuCommand.holdingWorkOrHandingOver(settings, request);
                    }
                    if (Files.exists(taken) && !Files.exists(result)) {
                        err.println("hiraku: the pipeline stopped while doing it; give the command again (it finishes "
                                + "what was begun)");
                        Files.deleteIfExists(taken);
                        return HirakuCommand.OPERATIONAL_ERROR;
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(withdraw);
        }
    }

    /** Whether no Hiraku holds the work folder any more (the lock is taken and let go at once to see). */
    private static boolean runStopped(Path work) throws IOException {
        try (WorkLock lock = WorkLock.take(work, "a look")) {
            return true;
        } catch (WorkLock.Busy e) {
            return false;
        }
    }
}
