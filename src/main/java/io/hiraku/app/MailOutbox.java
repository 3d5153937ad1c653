package io.hiraku.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.publish.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receipt mails not sent yet, each a file in {@code work/outbox/} written before it is handed to the mail
 * route and deleted once the server took it: a mail server down for an hour, or a run stopped while a mail was
 * being tried, loses no mail; what is left is sent again (oldest first) until it is {@code hiraku.mail.give-up-hours}
 * old. A mail the server took just before a crash may be sent twice, never none.
 */
final class MailOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** One mail as the route sends it. @param created when it was first handed over (ISO 8601, UTC) */
    record Mail(String from, String to, String cc, String subject, String html, String text, String created) {
    }

    private final Path folder;
    private final Duration giveUpAfter;
    private final Clock clock;
    /** The files handed to the route and not back from it yet: not handed over twice. */
    private final Set<Path> sending = ConcurrentHashMap.newKeySet();

    MailOutbox(Path folder, Duration giveUpAfter, Clock clock) {
        this.folder = folder;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
    }

    /** Keeps a new mail (durably) and returns its file. */
    Path keep(String from, String to, String cc, String subject, String html, String text) throws IOException {
        Instant now = clock.instant();
        Path file = Files.createDirectories(folder).resolve(Receipts.stamp(now) + "-"
                + String.format("%06d", SEQUENCE.incrementAndGet() % 1_000_000) + ".json");
        DurableFiles.write(file, JSON.writeValueAsBytes(new Mail(from, to, cc, subject, html, text, now.toString())));
        return file;
    }

    /** The mails waiting and not being sent now, oldest first. */
    List<Path> waiting() throws IOException {
        return mailsIn(folder).stream().filter(p -> !sending.contains(p)).toList();
    }

    /** How many mails wait (being sent now or not), for the metrics. */
    int size() {
        try {
            return mailsIn(folder).size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every mail's file in an outbox folder (not one being written), oldest first. */
    static List<Path> mailsIn(Path folder) throws IOException {
        return Workspace.filesUnder(folder, 1).stream()
                .filter(p -> p.getFileName().toString().endsWith(".json") && !DurableFiles.isTemporary(p)).sorted().toList();
    }

    Mail read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Mail.class);
    }

    /** Whether a mail has waited longer than it is tried. */
    boolean givenUp(Mail mail) {
        return Instant.parse(mail.created()).plus(giveUpAfter).isBefore(clock.instant());
    }

    /** Marks a mail as handed to the route; false if it is already. */
    boolean claim(Path file) {
        return sending.add(file);
    }

    /** The server took it: it goes. */
    void sent(Path file) throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            sending.remove(file);
        }
    }

    /** Not sent this time: it stays for the next try. */
    void notSent(Path file) {
        sending.remove(file);
    }

    /** A mail given up: it goes unsent. */
    void drop(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
