package io.hiraku.app;

import io.hiraku.catalog.CatalogBuilder;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Publisher;
import io.hiraku.publish.Retention;
import io.hiraku.schema.Department;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Binds the beans the routes call ({@code drops}, {@code releases}, {@code publications},
 * {@code receipts}) from the resolved {@code hiraku.*} settings, and prepares the work folder.
 */
public final class PipelineConfiguration implements CamelConfiguration {
    public static final List<String> KEYS = List.of(Settings.WORK, Settings.INGEST, Settings.CATALOG, Settings.STORE,
            Settings.BASE_URL, Settings.RELEASES_KEEP, Settings.ARCHIVE_KEEP_DAYS, Settings.RECEIPTS_KEEP_DAYS, Settings.GZIP_NTRIPLES_MB, Settings.PLAIN_NTRIPLES_UP_TO_MB, Settings.TURTLE_UP_TO_MB, Settings.GEOJSON_UP_TO_MB, Settings.S3_REGION, Settings.S3_ENDPOINT, Settings.S3_PATH_STYLE, Settings.S3_PART_SIZE_MB, Settings.S3_SSE, Settings.S3_SSE_KMS_KEY_ID,
            Settings.LIMIT_RECORD_CHARS, Settings.LIMIT_COLUMNS, Settings.LIMIT_FILE_MB, Settings.LIMIT_KEY_MEMORY_MB,
            Settings.MODE, Settings.ROLES, Settings.SHARED_ARCHIVE, Settings.KAFKA_BROKERS, Settings.KAFKA_WORK_TOPIC,
            Settings.KAFKA_WORK_PARTITIONS, Settings.KAFKA_PUBLISHED_TOPIC, Settings.KAFKA_WORKER_GROUP, Settings.KAFKA_CLIENT_CONFIG, Settings.INGEST_STORE, Settings.SETTLE_MS,
            Settings.DISK_MIN_FREE_MB, Settings.DEFINITIONS_FROM_DROPS, Settings.MAIL_SMTP, Settings.MAIL_FROM,
            Settings.MAIL_USERNAME, Settings.MAIL_PASSWORD, Settings.MAIL_CC, Settings.MAIL_OUTCOMES, Settings.MAIL_GIVE_UP_HOURS);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.from(key -> context.getPropertiesComponent().resolveProperty(key).orElse(""),
                KEYS);
        Workspace workspace = new Workspace(settings.work(), settings.ingest());
        CatalogSource catalog = new CatalogSource(settings.catalog(), settings.baseUrl());
        workspace.create(catalog.load().catalog().departments().stream().map(Department::id).toList());
        ObjectStore store = Stores.open(settings);
        SiteTemplates templates = new SiteTemplates(settings.catalog().resolve("site"));
        Outcomes outcomes = context.getRegistry().lookupByNameAndType("outcomes", Outcomes.class);
        if (outcomes == null) {
            outcomes = new Outcomes();
            context.getRegistry().bind("outcomes", outcomes);
        }
        Clock clock = Clock.systemUTC();
        DropJournal journal = new DropJournal(workspace.journal());
        Retention retention = new Retention(store, workspace.staging().resolve("_retention"));
        io.hiraku.schema.Definitions definitions = catalog.load();
        for (io.hiraku.schema.Definitions.BrokenDefinition b : definitions.broken()) {
            org.slf4j.LoggerFactory.getLogger(PipelineConfiguration.class).warn(
                    "Dataset definition {} cannot be loaded; its drops are refused until it is fixed: {}", b.file(),
                    b.problem());
        }
        Roles roles = Roles.of(settings);
        // in distributed mode the store is shared with other workers, busy now: only what is this node's is tidied
        new Recovery(workspace, journal, store, retention).recover(definitions, !roles.distributed());
        ObjectStore sharedArchive = null;
        KafkaConnection kafka = null;
        if (roles.distributed()) {
            kafka = KafkaConnection.of(settings);
            kafka.applyTo(context.getComponent("kafka", org.apache.camel.component.kafka.KafkaComponent.class));
            KafkaTopics.ensure(kafka, settings.get(Settings.KAFKA_WORK_TOPIC),
                    settings.integer(Settings.KAFKA_WORK_PARTITIONS), settings.get(Settings.KAFKA_PUBLISHED_TOPIC));
            sharedArchive = Stores.open(settings.get(Settings.SHARED_ARCHIVE), settings);
            org.slf4j.LoggerFactory.getLogger(PipelineConfiguration.class).info(
                    "Distributed mode, roles {}: Kafka at {}, shared archive {}", roles, kafka.describe(),
                    sharedArchive.describe());
        }
        context.getRegistry().bind("dispatch", new Dispatch(sharedArchive, journal, clock));
        context.getRegistry().bind("work", new Work(catalog, sharedArchive, workspace, clock));
        context.getRegistry().bind("archiveRetention", new ArchiveRetention(workspace, journal, clock,
                settings.integer(Settings.ARCHIVE_KEEP_DAYS)));
        // receipts as files; a drop folder's list says how long its receipts are kept
        ReceiptWriter receiptWriter = new ReceiptWriter(templates, settings.integer(Settings.RECEIPTS_KEEP_DAYS));
        context.getRegistry().bind("receiptRetention", new ReceiptRetention(workspace, receiptWriter, clock,
                settings.integer(Settings.RECEIPTS_KEEP_DAYS)));
        // Hiraku's counters go to the registry Camel's Prometheus metrics use (camel.metrics.*)
        io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
        if (meters == null) {
            meters = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            context.getRegistry().bind("metricsRegistry", meters);
        }
        PipelineMetrics metrics = new PipelineMetrics(meters, workspace.ingest());
        context.getRegistry().bind("pipelineMetrics", metrics);
        if (roles.distributed()) {
            WorkBacklog backlog = new WorkBacklog(kafka, settings.get(Settings.KAFKA_WORK_TOPIC),
                    settings.get(Settings.KAFKA_WORKER_GROUP));
            context.addService(backlog);
            metrics.watchWorkBacklog(backlog);
        }
        Drops drops = new Drops(workspace, journal, outcomes, metrics, clock, sharedArchive);
        context.getRegistry().bind("drops", drops);
        DiskRoom room = new DiskRoom(workspace.work(), settings.integer(Settings.DISK_MIN_FREE_MB) * 1024L * 1024L, clock);
        context.getRegistry().bind("dropFilter", new DropFilter(drops, room));
        metrics.watchDisk(room);
        context.getRegistry().bind("diskHealthCheck", new DiskHealthCheck(room));
        context.getRegistry().bind("dropOrder", new DropOrder());
        // a definition dropped on one node of several would reach only that node's catalog folder
        boolean definitionsFromDrops = Boolean.parseBoolean(settings.get(Settings.DEFINITIONS_FROM_DROPS))
                && !roles.distributed();
        context.getRegistry().bind("releases", new Releases(catalog, store, workspace, journal, clock,
                io.hiraku.publish.FormatSizes.ofMegabytes(settings.integer(Settings.GZIP_NTRIPLES_MB),
                        settings.integer(Settings.PLAIN_NTRIPLES_UP_TO_MB), settings.integer(Settings.TURTLE_UP_TO_MB),
                        settings.integer(Settings.GEOJSON_UP_TO_MB)),
                settings.limits(), new DefinitionDrops(catalog, workspace, definitionsFromDrops, clock)));
        Publications publications = new Publications(new Publisher(store),
                new CatalogBuilder(store, templates, workspace.staging().resolve("_catalog")), catalog,
                retention, journal, settings.integer(Settings.RELEASES_KEEP), metrics);
        if (!roles.distributed()) {
            Settings used = settings;
            publications.remember(new CatalogRebuilt(workspace.work()), loaded -> CatalogRebuilt.inputs(used,
                    catalog.directory(), java.time.LocalDate.now(loaded.catalog().zone())));
        }
        context.getRegistry().bind("publications", publications);
        context.getRegistry().bind("catalogEdits", new CatalogEdits(catalog, workspace, publications));
        PipelineGate gate = new PipelineGate();
        context.getRegistry().bind("pipelineGate", gate);
        context.getRegistry().bind("operatorRequests", new OperatorRequests(settings, gate, clock));
        // drops uploaded to object storage, when configured; their receipts go back there
        ObjectStore ingestStore = Stores.ingestOrNull(settings);
        Receipts receipts = new Receipts(receiptWriter, workspace, catalog, outcomes, journal, metrics,
                ingestStore, sharedArchive);
        context.getRegistry().bind("storeDrops", new StoreDrops(ingestStore, workspace, journal,
                java.time.Duration.ofMillis(settings.integer(Settings.SETTLE_MS)), clock, room, receipts));
        metrics.watchStoreWaiting(receipts::waitingForStore);
        context.getRegistry().bind("storeHealthCheck", new StoreHealthCheck(receipts));
        // receipts a department has to act on, mailed to it (hiraku.mail.*; none by default)
        ReceiptMail mail = ReceiptMail.of(settings, context.createProducerTemplate(), receiptWriter);
        receipts.mailWith(mail);
        context.getRegistry().bind("receiptMail", mail);
        metrics.watchUnsentMails(mail::waiting);
        Reminders reminders = new Reminders(catalog, store, workspace, receiptWriter, clock, ingestStore);
        reminders.mailWith(mail);
        context.getRegistry().bind("reminders", reminders);
        context.getRegistry().bind("receipts", receipts);
        context.getRegistry().bind("dropNames", new DropNames(workspace.ingest(),
                java.time.Duration.ofMillis(settings.integer(Settings.SETTLE_MS)), clock, receipts));
        context.getRegistry().bind("storeWait", (org.apache.camel.Processor) receipts::storeUnavailable);
    }
}
