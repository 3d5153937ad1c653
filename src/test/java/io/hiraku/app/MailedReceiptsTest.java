package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department told by mail, at once, what to fix: {@code run} with {@code hiraku.mail.*} set and a real SMTP server
 * (GreenMail on 127.0.0.1). A refused drop's receipt reaches the department's contact, the open-data desk in copy,
 * with the receipt as it is in the folder as the HTML part and the problems by line and column in the text part;
 * a published one is not mailed (by default); a mail server down holds up no drop, and the log says what was not
 * sent.
 */
class MailedReceiptsTest {
    private static final String COUNTS = "id,window,count\n1,第1窓口,12\n2,第2窓口,7\n3,相談窓口,3\n";

    @TempDir
    Path dir;
    private GreenMail smtp;

    /** A real SMTP server on a free port of 127.0.0.1, for each test. */
    @org.junit.jupiter.api.BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aRefusedDropIsMailedToItsDepartmentAndAMailServerDownHoldsUpNothing() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Path receipts = drop.resolve(Workspace.RECEIPTS);
        try (RunningHiraku hiraku = new RunningHiraku(mailSettings(),
                "--work", dir.resolve("work").toString(), "--store", dir.resolve("store").toString(),
                "--catalog", dir.resolve("catalog").toString(), "--port", String.valueOf(io.hiraku.S3Server.freePort()))) {
            Files.writeString(drop.resolve("counts.csv"), COUNTS);
            hiraku.awaitOrShow(() -> receipt(receipts, "published") != null);

            Files.writeString(drop.resolve("counts.csv"), COUNTS.replace(",7\n", ",七\n"));
            hiraku.awaitOrShow(() -> smtp.getReceivedMessages().length >= 2);   // one to each address
            MimeMessage mail = smtp.getReceivedMessages()[0];
            // the published drop was not mailed: every mail is the refusal's
            assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> subject(m)).distinct()).hasSize(1);
            assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("health@city.example");
            assertThat(addresses(mail.getRecipients(Message.RecipientType.CC))).containsExactly("opendata@city.example");
            assertThat(addresses(mail.getFrom())).containsExactly("opendata-pipeline@city.example");
            assertThat(mail.getSubject()).isEqualTo("[市のカタログ] 公開できませんでした（修正をお願いします） / Not published: "
                    + "please fix: counts.csv（窓口ごとの相談件数）");
            Path html = receipt(receipts, "rejected").resolveSibling(
                    receipt(receipts, "rejected").getFileName().toString().replace(".json", ".html"));
            Multipart alternatives = (Multipart) mail.getContent();
            assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
            String text = null;
            String page = null;
            for (int i = 0; i < alternatives.getCount(); i++) {
                if (alternatives.getBodyPart(i).isMimeType("text/plain")) {
                    text = (String) alternatives.getBodyPart(i).getContent();
                } else if (alternatives.getBodyPart(i).isMimeType("text/html")) {
                    page = (String) alternatives.getBodyPart(i).getContent();
                }
            }
            // the receipt the department finds in its folder, as it is (mail carries its lines with CRLF)
            assertThat(page.replace("\r\n", "\n")).isEqualTo(Files.readString(html, StandardCharsets.UTF_8));
            assertThat(text.replace("\r\n", "\n")).contains("保健所 ご担当者様", "ファイル: counts.csv", "データセット: 窓口ごとの相談件数 (counts)",
                    "直すところ（1 件）:", "・3 行目「count」: 「七」は整数ではありません",
                    "受領証: _receipts/" + html.getFileName(),
                    "To fix (1):", "- line 3, count: '七' is not an integer", "Receipt: _receipts/" + html.getFileName());

            // the mail server down: the drop is refused and receipted as before, the log says the mail was not sent
            // yet, and it waits in the outbox
            int port = smtp.getSmtp().getPort();
            smtp.stop();
            smtp = null;
            Files.writeString(drop.resolve("counts.csv"), COUNTS.replace(",3\n", ",三\n"));
            hiraku.awaitOrShow(() -> countReceipts(receipts, "rejected") == 2);
            hiraku.awaitOrShow(() -> hiraku.log().stream().anyMatch(l -> l.contains("Receipt not mailed to health@city.example")));
            Path outbox = dir.resolve("work/outbox");
            assertThat(outbox.toFile().list()).hasSize(1);
            // counted for a monitor: the one the server took, the tries it did not
            String metrics = hiraku.get(hiraku.metrics()).body();
            assertThat(metrics).contains("hiraku_mails_sent_total 1.0", "hiraku_mails_waiting 1.0")
                    .containsPattern("hiraku_mails_failed_total [1-9]");
            // the server back: the mail waiting is sent by itself, to both addresses, and leaves the outbox
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            hiraku.awaitOrShow(() -> smtp.getReceivedMessages().length == 2);
            assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> subject(m)))
                    .allSatisfy(s -> assertThat(s).contains("Not published", "counts.csv"));
            hiraku.awaitOrShow(() -> outbox.toFile().list().length == 0);
            hiraku.awaitOrShow(() -> hiraku.get(hiraku.metrics()).body().contains("hiraku_mails_waiting 0.0"));
            Files.writeString(drop.resolve("counts.csv"), COUNTS.replace("1,第1窓口", "1,中央窓口"));
            hiraku.awaitOrShow(() -> countReceipts(receipts, "published") == 2);
        }
    }

    @Test
    void publishOnceFromCronHasMailedItsReceiptsWhenItExits() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), COUNTS.replace(",7\n", ",七\n"));
        ProcessBuilder once = RunningHiraku.command("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
        once.environment().putAll(mailSettings());
        Process process = once.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(HirakuCommand.REJECTED);
        // ended: what it sent is all there will be
        assertThat(smtp.getReceivedMessages()).hasSize(2)
                .allSatisfy(m -> assertThat(m.getSubject()).contains("Not published", "counts.csv"));
    }

    /**
     * An overdue reminder is mailed when it is written; and the mails a run stopped with in its outbox are sent when
     * the next starts, but for one past hiraku.mail.give-up-hours, which is given up.
     */
    @Test
    void anOverdueReminderIsMailedWhenItIsWrittenAndAStoppedRunsMailsAtTheNextStart() throws Exception {
        CatalogSource catalog = new CatalogSource(io.hiraku.Fixtures.monthlyVisitsCatalog(dir.resolve("catalog")), null);
        io.hiraku.publish.LocalObjectStore store = new io.hiraku.publish.LocalObjectStore(dir.resolve("store"));
        var definitions = catalog.load();
        io.hiraku.Fixtures.publish(definitions, definitions.dataset("visits").orElseThrow(), store, dir.resolve("staging"),
                java.time.Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        io.hiraku.catalog.ReceiptWriter writer = new io.hiraku.catalog.ReceiptWriter(
                new io.hiraku.catalog.SiteTemplates(Path.of("catalog/site")));
        // the mail route as run loads it, in a Camel context of its own
        try (org.apache.camel.CamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            camel.getPropertiesComponent().addInitialProperty("hiraku.mail.retry-ms", "100");
            camel.getPropertiesComponent().addInitialProperty("hiraku.mail.outbox-retry-ms", "500");
            io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            camel.getRegistry().bind("pipelineMetrics", new PipelineMetrics(meters, dir.resolve("work/ingest")));
            org.apache.camel.support.PluginHelper.getRoutesLoader(camel).loadRoutes(
                    org.apache.camel.support.ResourceHelper.resolveResource(camel, "file:routes/mail.camel.yaml"));
            ReceiptMail mail = ReceiptMail.of(Settings.load(Map.of(Settings.MAIL_SMTP, "smtp://127.0.0.1:" + smtp.getSmtp()
                    .getPort(), Settings.MAIL_FROM, "opendata-pipeline@city.example", Settings.MAIL_CC, "opendata@city.example",
                    Settings.WORK, dir.resolve("work").toString())), camel.createProducerTemplate(), writer);
            camel.getRegistry().bind("receiptMail", mail);
            Path outbox = dir.resolve("work/outbox");
            new MailOutbox(outbox, java.time.Duration.ofHours(72), java.time.Clock.systemUTC()).keep(
                    "opendata-pipeline@city.example", "health@city.example", "", "left by a stopped run", "<p>1</p>", "1");
            new MailOutbox(outbox, java.time.Duration.ofHours(72), java.time.Clock.fixed(
                    java.time.Instant.now().minus(java.time.Duration.ofHours(73)), java.time.ZoneOffset.UTC)).keep(
                    "opendata-pipeline@city.example", "health@city.example", "", "left four days ago", "<p>2</p>", "2");
            camel.start();
            Reminders reminders = new Reminders(catalog, store, new Workspace(dir.resolve("work"), dir.resolve("work/ingest")),
                    writer, java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T00:00:00Z"), java.time.ZoneOffset.UTC), null);
            reminders.mailWith(mail);
            assertThat(reminders.remindOverdue()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> smtp.getReceivedMessages().length == 2 && meters.counter("hiraku.mails.sent").count() == 2
                            && outbox.toFile().list().length == 0);
        }
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> subject(m)))
                .containsExactlyInAnyOrder("left by a stopped run", "[t] 更新の時期を過ぎています / Update overdue: visits.csv（来庁者数）");
        MimeMessage reminder = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains("overdue"))
                .findFirst().orElseThrow();
        // the department has no email in catalog.yaml: the open-data desk gets it
        assertThat(addresses(reminder.getRecipients(Message.RecipientType.TO))).containsExactly("opendata@city.example");
        assertThat(reminder.getSubject()).isEqualTo("[t] 更新の時期を過ぎています / Update overdue: visits.csv（来庁者数）");
    }

    private Map<String, String> mailSettings() {
        return Map.of("HIRAKU_MAIL_SMTP", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "HIRAKU_MAIL_FROM", "opendata-pipeline@city.example", "HIRAKU_MAIL_CC", "opendata@city.example",
                "HIRAKU_MAIL_RETRY_MS", "100", "HIRAKU_MAIL_OUTBOX_RETRY_MS", "500", "HIRAKU_SEED_EXAMPLES", "false");
    }

    private void catalog() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"), """
                title: 市のカタログ
                description: 市のデータ
                publisher: 市
                departments:
                  - id: health
                    name: {ja: 保健所}
                    contact: {name: 保健所 企画係, email: health@city.example}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/health")).resolve("counts.yaml"), """
                title: 窓口ごとの相談件数
                description: 窓口ごとの月の相談件数
                schema:
                  primaryKey: [id]
                  fields:
                    - {name: id, type: integer}
                    - {name: window, type: string}
                    - {name: count, title: 件数, type: integer}
                """);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The newest receipt (JSON) with that outcome, or null. */
    private static Path receipt(Path receipts, String outcome) throws Exception {
        return withOutcome(receipts, outcome).reduce((a, b) -> b).orElse(null);
    }

    private static long countReceipts(Path receipts, String outcome) throws Exception {
        return withOutcome(receipts, outcome).count();
    }

    private static Stream<Path> withOutcome(Path receipts, String outcome) throws Exception {
        if (!Files.isDirectory(receipts)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(receipts)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("\"outcome\" : \"" + outcome + "\"");
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    }).toList().stream();
        }
    }
}
