package io.hiraku.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Camel routes of {@code routes/} with Hiraku's settings, either until stopped
 * ({@code run}) or until every file present at start has a receipt ({@code publish --once}).
 */
final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    /** How long a SIGTERM waits for the routes to stop: Camel's shutdown timeout (15 s) and some margin. */
    private static final long SHUTDOWN_WAIT_SECONDS = 25;
    private final Settings settings;
    private final Roles roles;
    private final Outcomes outcomes = new Outcomes();

    PipelineRunner(Settings settings) {
        this.settings = settings;
        this.roles = Roles.of(settings);
    }

    Outcomes outcomes() {
        return outcomes;
    }

    Roles roles() {
        return roles;
    }

    /** Seeds the example drops if the ingest folder is new and seeding is on. */
    void seedExamplesIfNew() throws IOException {
        Path ingest = settings.ingest();
        if (Files.exists(ingest) || !settings.flag(Settings.SEED_EXAMPLES)) {
            return;
        }
        Files.createDirectories(ingest);
        int seeded = ExampleSeeder.seed(settings.path(Settings.EXAMPLES), ingest);
        LOG.info("New work folder: seeded {} example drop(s) from {} into {}", seeded,
                settings.path(Settings.EXAMPLES), ingest);
    }

    Main createMain() {
        checkCatalogMeanwhile();
        if (!java.nio.charset.StandardCharsets.UTF_8.equals(DropNames.fileNameCharset())) {
            LOG.warn("The JVM reads file names as {} (the locale is not UTF-8: LANG/LC_ALL unset or not *.UTF-8): drops "
                    + "with Japanese or other non-ASCII names are renamed to escaped ASCII names to be taken at all. "
                    + "Start Hiraku with LANG=C.UTF-8 (bin/hiraku does)", DropNames.fileNameCharset().name());
        }
        Main main = new Main();
        main.configure().addConfiguration(new PipelineConfiguration());
        main.configure().withRoutesIncludePattern(routesPattern());
        settings.asMap().forEach(main::addOverrideProperty);
        roles.properties().forEach(main::addOverrideProperty);
        main.addOverrideProperty("hiraku.run.ingest-store",
                String.valueOf(roles.ingest() && !settings.get(Settings.INGEST_STORE).isBlank()));
        main.bind("outcomes", outcomes);
        // bound before Camel starts, so that Camel's Prometheus metrics (camel.metrics.*) use it too
        main.bind("metricsRegistry", new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
        return main;
    }

    /**
     * Loads the catalog, with its DCAT-AP gate (Apache Jena's SHACL engine, half a second the first time),
     * on a thread of its own while Camel starts on this one: the configuration's own load then finds the
     * gate's verdict made ({@link io.hiraku.catalog.DcatGate#catalogProblems} keeps it). A problem found
     * here is left for that load to report.
     */
    private void checkCatalogMeanwhile() {
        Thread check = new Thread(() -> {
            try {
                new CatalogSource(settings.catalog(), settings.baseUrl()).load();
            } catch (RuntimeException e) {
                LOG.debug("Catalog check at start: {}", e.getMessage());
            }
        }, "hiraku-catalog-check");
        check.setDaemon(true);
        check.start();
    }

    /** Runs until Ctrl-C or SIGTERM, then stops the routes gracefully (the shutdown hook below). */
    void runUntilStopped() throws Exception {
        Main main = createMain();
        // SIGTERM / Ctrl-C: the routes are stopped gracefully (camel.main.shutdown-timeout: the drop in hand
        // may finish) before the JVM ends; a drop still in hand then stays in its folder and is taken up
        // again at the next start, where its journal says it stopped
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("Stopping: letting the drop in hand finish (at most {} s)", SHUTDOWN_WAIT_SECONDS);
            main.completed();
            try {
                if (!stopped.await(SHUTDOWN_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("Stopped before the drop in hand finished; it is taken up again at the next start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hiraku-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (settings.flag(Settings.MANAGEMENT_ENABLED)) {
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.host", settings.get(Settings.MANAGEMENT_HOST));
            main.addOverrideProperty("camel.management.port", settings.get(Settings.MANAGEMENT_PORT));
            main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
            main.addOverrideProperty("camel.management.metricsEnabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
            LOG.info("Health at http://{}:{}/observe/health, metrics at /observe/metrics",
                    settings.get(Settings.MANAGEMENT_HOST), settings.get(Settings.MANAGEMENT_PORT));
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                rebuildCatalog(m);
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                LOG.info("Hiraku stopped");
                stopped.countDown();
            }
        });
        main.run();
    }

    /** Processes the files in the drop folders now, then stops. @return false if it timed out */
    boolean runOnce(long timeoutMillis) throws Exception {
        if (roles.distributed()) {
            throw new IllegalStateException("publish --once runs in local mode only (hiraku.mode=local); in distributed "
                    + "mode use run on each node");
        }
        int pending = countDrops(settings.ingest());
        String ingestStore = settings.get(Settings.INGEST_STORE);
        if (!ingestStore.isBlank()) {
            int uploaded = StoreDrops.dropsIn(Stores.open(ingestStore, settings), java.time.Instant.now()).size();
            LOG.info("{} file(s) waiting in {}", uploaded, ingestStore);
            pending += uploaded;
        }
        LOG.info("Publishing {} file(s) found in {}", pending, settings.ingest());
        Main main = createMain();
        main.start();
        try {
            boolean done = outcomes.awaitAtLeast(pending, timeoutMillis);
            // once the last drop has let go of the gate (its receipt is written a moment before its journal entry
            // ends): the catalog is rebuilt after the drops, not at start, since each publication rebuilds it (and
            // records so); this rebuilds only what none did (nothing published, the catalog folder or the day
            // changed). At start it was a second rebuild in every run that published, beside the drop. A run from
            // cron never sees the hourly timer fire: old originals and receipts go here too.
            // Timed out, a drop still holds the gate (the store down, say) and may for long: neither then.
            if (!done) {
                return false;
            }
            var registry = main.getCamelContext().getRegistry();
            registry.lookupByNameAndType("pipelineGate", PipelineGate.class).exclusively(() -> {
                rebuildCatalog(main);
                return registry.lookupByNameAndType("archiveRetention", ArchiveRetention.class).removeExpired()
                        + registry.lookupByNameAndType("receiptRetention", ReceiptRetention.class).removeExpired();
            });
            return true;
        } finally {
            main.stop();
        }
    }

    /** Starts the routes (and rebuilds the catalog, where it is kept) and returns at once; stop the result. */
    Main start() throws Exception {
        Main main = createMain();
        main.start();
        rebuildCatalog(main);
        return main;
    }

    /**
     * The catalog is rebuilt, unless nothing it is made from changed, where it is kept: a local run, or the catalog
     * builder (at the start of {@code run}, at the end of {@code publish --once}).
     */
    private void rebuildCatalog(BaseMainSupport main) {
        if (!roles.catalog()) {
            return;
        }
        try {
            main.getCamelContext().getRegistry().lookupByNameAndType("publications", Publications.class)
                    .rebuildCatalogIfChanged();
        } catch (io.hiraku.publish.StoreUnavailableException e) {
            // the store is down or full: the first publication after it is back rebuilds it
            LOG.warn("The catalog could not be rebuilt: {}", e.getMessage());
        } catch (IOException e) {
            LOG.error("The catalog could not be rebuilt: {}", e.getMessage(), e);
        }
    }

    /** The packaged routes folder when run from the repository root, else the copy inside the jar. */
    static String routesPattern() {
        return Files.isDirectory(Path.of("routes")) ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    static int countDrops(Path ingest) throws IOException {
        if (!Files.isDirectory(ingest)) {
            return 0;
        }
        // files come and go while they are counted (the ingest route takes them, departments drop more)
        return (int) Workspace.filesUnder(ingest, 2).stream().filter(p -> DropFilter.isDrop(ingest.relativize(p))).count();
    }
}
