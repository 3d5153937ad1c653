package io.hiraku.app;

import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Department;
import io.hiraku.validate.Issue;
import io.hiraku.validate.Receipt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails a department the receipts it has to act on (by default a refused or failed drop, and the reminder of an
 * overdue update), to the email of its contact in catalog.yaml with the open-data desk in copy
 * ({@code hiraku.mail.*}): the receipt itself as the HTML part, and a plain-text part in Japanese and English
 * with what happened, the first problems to fix by line and column, and where the receipt is. The mail is kept in
 * the outbox ({@link MailOutbox}) and handed to the {@code receipt-mail} route, which sends it over SMTP in the
 * background and retries it; one still not sent is tried again by the {@code mail-outbox} timer until it is sent or
 * given up. A mail server down never holds up or fails a drop, and loses no mail.
 */
public final class ReceiptMail {
    /** The route that sends a mail, and the exchange property holding the SMTP endpoint it sends to. */
    static final String ROUTE = "direct:receipt-mail";
    static final String ENDPOINT = "hirakuMailEndpoint";
    /** The exchange property holding the mail's file in the outbox. */
    static final String FILE = "hirakuMailFile";
    /** No mail (hiraku.mail.smtp empty). */
    static final ReceiptMail NONE = new ReceiptMail(null, null, null, Set.of(), List.of(), null, null);
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptMail.class);
    private static final int LISTED_PROBLEMS = 10;

    private final ProducerTemplate producer;
    private final String endpoint;
    private final String from;
    private final Set<String> outcomes;
    private final List<String> cc;
    private final ReceiptWriter writer;
    private final MailOutbox outbox;

    private ReceiptMail(ProducerTemplate producer, String endpoint, String from, Set<String> outcomes, List<String> cc,
                        ReceiptWriter writer, MailOutbox outbox) {
        this.producer = producer;
        this.endpoint = endpoint;
        this.from = from;
        this.outcomes = outcomes;
        this.cc = cc;
        this.writer = writer;
        this.outbox = outbox;
    }

    /** The mail the settings ask for, or {@link #NONE} when {@code hiraku.mail.smtp} is empty. */
    static ReceiptMail of(Settings settings, ProducerTemplate producer, ReceiptWriter writer) {
        String smtp = settings.get(Settings.MAIL_SMTP).strip();
        if (smtp.isEmpty()) {
            return NONE;
        }
        if (!smtp.startsWith("smtp://") && !smtp.startsWith("smtps://")) {
            throw new IllegalArgumentException(Settings.MAIL_SMTP + " must be smtp://host:port or smtps://host:port "
                    + "(with options such as ?mail.smtp.starttls.enable=true), not '" + smtp + "'");
        }
        String from = settings.get(Settings.MAIL_FROM).strip();
        if (from.isEmpty()) {
            throw new IllegalArgumentException(Settings.MAIL_FROM + " must be set when " + Settings.MAIL_SMTP
                    + " is: the address receipts are mailed from");
        }
        StringBuilder uri = new StringBuilder(smtp).append(smtp.contains("?") ? '&' : '?')
                .append("contentType=RAW(text/html; charset=UTF-8)&connectionTimeout=10000");
        String username = settings.get(Settings.MAIL_USERNAME).strip();
        if (!username.isEmpty()) {
            uri.append("&username=").append(raw(username)).append("&password=").append(raw(settings.get(Settings.MAIL_PASSWORD)));
        }
        MailOutbox outbox = new MailOutbox(new Workspace(settings.work(), settings.ingest()).outbox(),
                java.time.Duration.ofHours(settings.integer(Settings.MAIL_GIVE_UP_HOURS)), java.time.Clock.systemUTC());
        return new ReceiptMail(producer, uri.toString(), from, list(settings.get(Settings.MAIL_OUTCOMES)).stream()
                .map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                list(settings.get(Settings.MAIL_CC)), writer, outbox);
    }

    /** A value Camel takes as written in an endpoint URI: RAW(...), or RAW{...} when it holds a ')'. */
    private static String raw(String value) {
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether a receipt with this outcome is mailed (never without hiraku.mail.smtp). */
    boolean mails(Receipt receipt) {
        return producer != null && outcomes.contains(receipt.outcome());
    }

    /**
     * Mails the receipt if its outcome is one to mail and it has someone to go to; the sending happens on the
     * route's thread. @param name the receipt's name in the department's {@code _receipts/} ({@code .html} added)
     */
    void send(Receipt receipt, CatalogDefinition catalog, String name) throws java.io.IOException {
        if (!mails(receipt)) {
            return;
        }
        List<String> to = catalog.department(receipt.department()).map(Department::contact)
                .map(c -> c.email()).filter(e -> e != null && !e.isBlank()).map(List::of).orElse(List.of());
        List<String> copy = cc;
        if (to.isEmpty()) {
            to = cc;
            copy = List.of();
        }
        if (to.isEmpty()) {
            LOG.debug("No address to mail the receipt of {}/{} to", receipt.department(), receipt.fileName());
            return;
        }
        String html = writer.html(receipt);
        String subject = "[" + catalog.title().in("ja") + "] " + label(receipt.outcome(), true) + " / "
                + label(receipt.outcome(), false) + ": " + receipt.fileName()
                + (receipt.datasetTitle() == null ? "" : "（" + receipt.datasetTitle() + "）");
        String text = text(receipt, catalog, Workspace.RECEIPTS + "/" + name + ".html");
        Path file = outbox.keep(from, String.join(", ", to), String.join(", ", copy), subject, html, text);
        hand(file, outbox.read(file));
    }

    /**
     * Hands the mails still in the outbox to the route again (the {@code mail-outbox} timer): those the server did
     * not take after their retries, and those a stopped run left; a mail older than {@code hiraku.mail.give-up-hours}
     * is given up, and the log says so.
     */
    public void sendWaiting() throws java.io.IOException {
        if (producer == null) {
            return;
        }
        for (Path file : outbox.waiting()) {
            MailOutbox.Mail mail;
            try {
                mail = outbox.read(file);
            } catch (java.io.IOException e) {
                LOG.warn("The mail {} in the outbox cannot be read and is left there: {}", file, e.getMessage());
                continue;
            }
            if (outbox.givenUp(mail)) {
                outbox.drop(file);
                LOG.warn("Receipt mail to {} ({}) given up: not sent since {}; the department finds the receipt in its "
                        + "{}/ folder", mail.to(), mail.subject(), mail.created(), Workspace.RECEIPTS);
            } else {
                hand(file, mail);
            }
        }
    }

    /** How many mails wait in the outbox (0 without mail). */
    public int waiting() {
        return outbox == null ? 0 : outbox.size();
    }

    /** The server took the mail: it leaves the outbox. */
    public void sent(@org.apache.camel.ExchangeProperty(FILE) String file) throws java.io.IOException {
        outbox.sent(Path.of(file));
    }

    /** Not sent after the route's retries: it stays in the outbox for the timer. */
    public void notSent(@org.apache.camel.ExchangeProperty(FILE) String file) {
        outbox.notSent(Path.of(file));
    }

    private void hand(Path file, MailOutbox.Mail mail) {
        if (!outbox.claim(file)) {
            return;
        }
        producer.asyncSend(ROUTE, exchange -> {
            exchange.setProperty(ENDPOINT, endpoint);
            exchange.setProperty(FILE, file.toString());
            exchange.getMessage().setHeaders(new java.util.HashMap<>(Map.of("From", mail.from(), "To", mail.to(),
                    "Subject", mail.subject(), "CamelMailAlternativeBody", mail.text())));
            if (!mail.cc().isEmpty()) {
                exchange.getMessage().setHeader("Cc", mail.cc());
            }
            exchange.getMessage().setBody(mail.html());
        });
    }

    private static String label(String outcome, boolean japanese) {
        return switch (outcome) {
            case "rejected" -> japanese ? "公開できませんでした（修正をお願いします）" : "Not published: please fix";
            case "failed" -> japanese ? "処理できませんでした" : "Could not be processed";
            case "published" -> japanese ? "公開しました" : "Published";
            case "unchanged" -> japanese ? "変更はありません" : "Unchanged";
            case "pending" -> japanese ? "公開を待っています" : "Waiting to publish";
            case "overdue" -> japanese ? "更新の時期を過ぎています" : "Update overdue";
            case "defined" -> japanese ? "データセット定義を保存しました" : "Definition saved";
            default -> outcome;
        };
    }

    /** The plain-text part: Japanese, then English. */
    private static String text(Receipt r, CatalogDefinition catalog, String where) {
        List<String> lines = new ArrayList<>();
        String received = r.receivedAtLocal() == null ? r.receivedAt() : r.receivedAtLocal().substring(0, 19).replace('T', ' ');
        List<Issue> problems = r.report() == null ? List.of() : r.report().getErrors();
        long problemCount = r.report() == null ? 0 : r.report().getErrorCount();
        lines.add((r.departmentName() == null || r.departmentName().isEmpty() ? r.department() : r.departmentName())
                + " ご担当者様");
        lines.add("");
        lines.add("ファイル: " + r.fileName() + "（" + received + " 受付）");
        if (r.datasetId() != null) {
            lines.add("データセット: " + (r.datasetTitle() == null ? "" : r.datasetTitle() + " ") + "(" + r.datasetId() + ")");
        }
        lines.add(r.messageJa());
        if (!problems.isEmpty()) {
            lines.add("");
            lines.add("直すところ（" + problemCount + " 件" + (problemCount > LISTED_PROBLEMS ? "。最初の " + LISTED_PROBLEMS
                    + " 件" : "") + "）:");
            for (Issue issue : problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size()))) {
                lines.add("・" + (issue.line() == null ? "" : issue.line() + " 行目")
                        + (issue.column() == null ? "" : "「" + issue.column() + "」") + ": " + issue.messageJa());
            }
        }
        lines.add("");
        if (r.datasetUrl() != null) {
            lines.add("データセットのページ: " + r.datasetUrl());
        }
        lines.add("受領証: " + where + "（ファイルを置いたフォルダの中）");
        lines.add("");
        lines.add("-- English --");
        lines.add("File: " + r.fileName() + " (received " + received + ")");
        lines.add(r.messageEn());
        if (!problems.isEmpty()) {
            lines.add("");
            lines.add("To fix (" + problemCount + (problemCount > LISTED_PROBLEMS ? ", the first " + LISTED_PROBLEMS : "")
                    + "):");
            for (Issue issue : problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size()))) {
                lines.add("- " + (issue.line() == null ? "" : "line " + issue.line())
                        + (issue.column() == null ? "" : ", " + issue.column()) + ": " + issue.messageEn());
            }
        }
        lines.add("");
        if (r.datasetUrl() != null) {
            lines.add("Dataset page: " + r.datasetUrl());
        }
        lines.add("Receipt: " + where + " (in the folder the file was dropped into)");
        lines.add("");
        lines.add("このメールは " + catalog.title().in("ja") + " の公開処理が送りました。"
                + " / Sent by the publishing pipeline of " + catalog.title().in("en") + ".");
        return String.join("\n", lines) + "\n";
    }
}
