package io.hiraku.app;

import io.hiraku.catalog.CatalogBuilder;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Retention;
import io.hiraku.publish.PublishedKeys;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import io.hiraku.validate.RowSink;
import io.hiraku.validate.TableValidator;
import io.hiraku.validate.ValidationReport;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar target/hiraku.jar <command>}: the command line of the pipeline. */
@Command(name = "hiraku", mixinStandardHelpOptions = true, version = "Hiraku 0.1.0",
        description = "Publishes department data drops as open data: CSV, JSON, RDF and a DCAT catalog.",
        subcommands = {HirakuCommand.Run.class, HirakuCommand.Publish.class, HirakuCommand.Validate.class,
                HirakuCommand.Serve.class, HirakuCommand.Prune.class, HirakuCommand.Withdraw.class, HirakuCommand.Republish.class,
                HirakuCommand.Status.class,
                HirakuCommand.Bench.class,
                HirakuCommand.BenchParse.class, HirakuCommand.Kafka.class, CommandLine.HelpCommand.class})
public final class HirakuCommand implements Runnable {
    public static final int OK = 0;
    public static final int REJECTED = 1;
    public static final int OPERATIONAL_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Netty serves only the health and metrics endpoint here (the S3 client is Apache's): without sun.misc.Unsafe
        // it needs no JDK-internal memory access, which Java 24 and later warn about on the console at every start
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new HirakuCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("hiraku: " + e.getMessage());
                    return OPERATIONAL_ERROR;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The preview server's options, for {@code run} and {@code serve}. */
    static final class ServerOptions {
        @Option(names = "--port", paramLabel = "N", description = "Port of the catalog preview (default: 8080)")
        Integer port;

        @Option(names = "--host", paramLabel = "ADDR", description = "Address the preview binds to (default: 127.0.0.1)")
        String host;

        Map<String, String> overrides() {
            Map<String, String> o = new HashMap<>();
            o.put(Settings.PORT, port == null ? null : port.toString());
            o.put(Settings.HOST, host);
            return o;
        }
    }

    /**
     * Runs a command that changes the work folder or the store while holding the work folder
     * ({@link WorkLock}); another Hiraku working there already: nothing is done, exit 2, saying who.
     */
    static int holdingWork(Settings settings, String command, Callable<Integer> work) throws Exception {
        WorkLock lock;
        try {
            lock = WorkLock.take(settings.work(), command);
        } catch (WorkLock.Busy e) {
            System.err.println("hiraku: " + e.getMessage());
            return OPERATIONAL_ERROR;
        }
        try (lock) {
            return work.call();
        }
    }

    /**
     * Runs a command that changes the store outside the drops (withdraw, prune) holding the work folder; if a
     * {@code run} holds it, the command is handed over to it ({@link OperatorRequests}), which does it between two
     * drops, and its answer is printed here. Anything else holding it: nothing is done, exit 2, saying who.
     */
    static int holdingWorkOrHandingOver(Settings settings, OperatorRequest request) throws Exception {
        WorkLock lock;
        try {
            lock = WorkLock.take(settings.work(), request.command());
        } catch (WorkLock.Busy e) {
            if (!e.takesRequests()) {
                System.err.println("hiraku: " + e.getMessage());
                return OPERATIONAL_ERROR;
            }
            return OperatorRequests.handOver(settings, request, System.out, System.err);
        }
        try (lock) {
            return request.execute(settings, System.out, System.err);
        }
    }

    /** The preview server of a local store; null for S3, which the bucket (or a CDN) serves itself. */
    static StaticSiteServer startServer(Settings settings) throws Exception {
        if (settings.store().startsWith("s3://")) {
            return null;
        }
        String path = settings.store().startsWith("file:") ? settings.store().substring(5) : settings.store();
        Path root = new LocalObjectStore(Path.of(path)).root();
        return new StaticSiteServer(root, settings.get(Settings.HOST), settings.integer(Settings.PORT)).start();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Watch the drop folders, publish continuously and serve the catalog until Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            Settings settings = options.settings(server.overrides());
            // a local run does the operators' withdrawals and prunes handed over to it
            return holdingWork(settings, Roles.of(settings).distributed() ? "run" : "run " + OperatorRequests.TAKES,
                    () -> run(settings));
        }

        private int run(Settings settings) throws Exception {
            PipelineRunner runner = new PipelineRunner(settings);
            runner.seedExamplesIfNew();
            Roles roles = runner.roles();
            // the preview serves the catalog where it is kept: a local run, or the catalog builder
            try (StaticSiteServer preview = roles.catalog() ? startServer(settings) : null) {
                System.out.println("Hiraku" + (roles.distributed() ? " (" + roles + ", Kafka at "
                        + settings.get(Settings.KAFKA_BROKERS) + ")" : "") + ": "
                        + (roles.ingest() ? "drop files into " + settings.ingest().toAbsolutePath() + "/<department>/ ; " : "")
                        + (roles.worker() ? "building releases from the work topic; " : "")
                        + (roles.catalog() ? "catalog at " + (preview != null ? preview.url() : settings.store()) + " " : "")
                        + "(Ctrl-C to stop)");
                runner.runUntilStopped();
            }
            return OK;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Process every file now in the drop folders, then exit: 0 all published, "
                    + "1 a file was rejected, 2 an operational error.")
    static final class Publish implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--once", required = true, description = "Process what is there now and exit (required).")
        boolean once;

        @Option(names = "--timeout", description = "Give up after this many seconds (default: ${DEFAULT-VALUE})",
                defaultValue = "3600")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            Settings settings = options.settings(Map.of());
            return holdingWork(settings, "publish --once", () -> publish(settings));
        }

        private int publish(Settings settings) throws Exception {
            PipelineRunner runner = new PipelineRunner(settings);
            runner.seedExamplesIfNew();
            boolean finished = runner.runOnce(timeoutSeconds * 1000);
            Outcomes outcomes = runner.outcomes();
            System.out.println("Hiraku: " + outcomes.total() + " file(s): "
                    + outcomes.count(IngestJob.Outcome.PUBLISHED) + " published, "
                    + outcomes.count(IngestJob.Outcome.UNCHANGED) + " unchanged, "
                    + outcomes.count(IngestJob.Outcome.REJECTED) + " rejected, "
                    + outcomes.count(IngestJob.Outcome.FAILED) + " failed"
                    + (outcomes.count(IngestJob.Outcome.DEFINED) > 0
                            ? ", " + outcomes.count(IngestJob.Outcome.DEFINED) + " definition(s) saved" : "")
                    + "; store " + settings.store());
            if (!finished || outcomes.count(IngestJob.Outcome.FAILED) > 0) {
                return OPERATIONAL_ERROR;
            }
            return outcomes.count(IngestJob.Outcome.REJECTED) > 0 ? REJECTED : OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a file against its dataset definition without publishing; exit 0 if valid, 1 if not.")
    static final class Validate implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Parameters(paramLabel = "FILE", description = "The data file to check")
        Path file;

        @Option(names = "--dataset", paramLabel = "ID", description = "Dataset id (default: found from the file name)")
        String datasetId;

        @Override
        public Integer call() throws Exception {
            Settings settings = options.settings(Map.of());
            Definitions definitions = new CatalogSource(settings.catalog(), settings.baseUrl()).loadSchemas();
            if (!Files.isRegularFile(file)) {
                System.err.println("hiraku: " + file + ": no such file");
                return REJECTED;
            }
            String name = file.getFileName().toString();
            List<DatasetDefinition> datasets = datasetId != null
                    ? definitions.dataset(datasetId).stream().toList()
                    : definitions.datasets().stream()
                            .filter(d -> definitions.forDrops(d.department(), name).contains(d))
                            .toList();
            if (datasets.isEmpty()) {
                System.err.println("hiraku: no dataset definition for " + (datasetId != null ? "id '" + datasetId + "'"
                        : "'" + name + "'") + " in " + settings.catalog() + " (use --dataset ID)");
                if (datasetId == null) {
                    // what a drop of it would be told: a definition inferred from the file, to fill in
                    io.hiraku.validate.DefinitionProposer.Proposal proposal =
                            new io.hiraku.validate.DefinitionProposer().proposal(file, name);
                    proposal.definition().ifPresent(yaml -> System.out.print("A definition inferred from the file "
                            + "(write in its title and description, save it as <department>/"
                            + io.hiraku.validate.DefinitionProposer.suggestId(name) + ".yaml under "
                            + settings.catalog().resolve("datasets") + "):\n\n" + yaml));
                    if (proposal.problemEn() != null) {
                        System.err.println("hiraku: nor can the file be read as a table: " + proposal.problemEn());
                    }
                }
                return REJECTED;
            }
            boolean valid = true;
            PublishedKeys published = new PublishedKeys(Stores.open(settings));
            for (DatasetDefinition dataset : datasets) {
                ValidationReport report = new TableValidator(settings.limits()).validate(file, dataset, RowSink.DISCARD, published);
                System.out.print(file + " → dataset " + dataset.id() + "\n" + report.summary());
                valid &= report.valid();
            }
            return valid ? OK : REJECTED;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure publish, validate, the parse-only floor and Miller on the generated benchmark "
                    + "table: rows/s, MB/s, wall time, peak RSS; results also in <out>/results.json.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--rows", split = ",", paramLabel = "N[,N...]", defaultValue = "100000,1000000",
                description = "Table sizes in rows (default: ${DEFAULT-VALUE})")
        List<Long> rows;

        @Option(names = "--encodings", split = ",", paramLabel = "CHARSET[,...]", defaultValue = "UTF-8,windows-31j",
                description = "Encodings of the table (default: ${DEFAULT-VALUE})")
        List<String> encodings;

        @Option(names = "--jvm-options", paramLabel = "OPTIONS",
                defaultValue = "-Xmx144m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=40m",
                description = "JVM options of every measured Hiraku process, as bin/hiraku runs it (default: ${DEFAULT-VALUE})")
        String jvmOptions;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
                description = "Runs of each measurement (parse floor, validate, publish, Miller); the median is kept (default: ${DEFAULT-VALUE})")
        int repeat;

        @Option(names = "--latency-drops", paramLabel = "N", defaultValue = "5",
                description = "Small drops into `run` whose time to receipt is measured; 0 skips it (default: ${DEFAULT-VALUE})")
        int latencyDrops;

        @Option(names = "--workers", split = ",", paramLabel = "N[,N...]", defaultValue = "1,2",
                description = "Distributed mode with this many workers each, on a local Kafka broker; 0 skips it "
                        + "(default: ${DEFAULT-VALUE})")
        List<Integer> workers;

        @Option(names = "--worker-files", paramLabel = "N", defaultValue = "24",
                description = "Files dropped for the distributed runs, one dataset each (default: ${DEFAULT-VALUE})")
        int workerFiles;

        @Option(names = "--worker-rows", paramLabel = "N", defaultValue = "20000",
                description = "Rows in each of those files (default: ${DEFAULT-VALUE})")
        int workerRows;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench",
                description = "Work folder and results (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            io.hiraku.bench.Bench bench = new io.hiraku.bench.Bench(out, jvmOptions, repeat, System.out)
                    .latencyDrops(latencyDrops)
                    .workers(workers.stream().filter(n -> n > 0).toList(), workerFiles, workerRows);
            List<io.hiraku.bench.Bench.Case> cases = bench.run(rows, encodings);
            Path results = out.resolve("results.json");
            io.hiraku.bench.Bench.writeJson(cases, bench.receiptSeconds(), bench.workerResults(), jvmOptions, repeat,
                    results);
            System.out.println("\nResults: " + results);
            boolean allRan = cases.stream().flatMap(c -> c.measurements().stream()).allMatch(m -> m.succeeded());
            return allRan ? OK : OPERATIONAL_ERROR;
        }
    }

    /** The benchmark's parse-only floor, run by {@code bench} in a process of its own. */
    @Command(name = "bench-parse", hidden = true)
    static final class BenchParse implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            System.out.println(io.hiraku.bench.ParseFloor.rows(file) + " rows");
            return OK;
        }
    }

    /** A broker to try distributed mode on one machine (README, "Distributed mode"). */
    @Command(name = "kafka", mixinStandardHelpOptions = true,
            description = "Run a single-node Apache Kafka broker on 127.0.0.1 until stopped, to try distributed mode "
                    + "on one machine (one node, no replication: not for production).")
    static final class Kafka implements Callable<Integer> {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
                description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/hiraku/kafka",
                description = "The broker's log folder (default: ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path log = dir.resolve("broker.log");
            io.hiraku.bench.LocalKafka.Process broker = io.hiraku.bench.LocalKafka.launch(dir, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hiraku-kafka-stop"));
            System.out.println("Kafka listening on " + broker.bootstrapServers() + " (log in " + log
                    + "); Ctrl-C stops it. Nodes connect with HIRAKU_KAFKA_BROKERS=" + broker.bootstrapServers());
            System.out.flush();
            return broker.process().waitFor() == 0 ? OK : OPERATIONAL_ERROR;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove older releases, keeping the newest N of each dataset (never the latest), "
                    + "then rebuild the catalog.")
    static final class Prune implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--keep", required = true, paramLabel = "N", description = "Releases to keep per dataset (at least 1)")
        int keep;

        @Option(names = "--dataset", paramLabel = "ID", description = "Only this dataset (default: all)")
        String datasetId;

        @Override
        public Integer call() throws Exception {
            return holdingWorkOrHandingOver(options.settings(Map.of()), OperatorRequest.prune(keep, datasetId));
        }

        /** Also what a running pipeline does with a prune handed over to it. */
        static int prune(Settings settings, OperatorRequest request, PrintStream out) throws Exception {
            Definitions definitions = new CatalogSource(settings.catalog(), settings.baseUrl()).load();
            ObjectStore store = Stores.open(settings);
            Path scratch = settings.work().resolve("staging");
            Retention retention = new Retention(store, scratch.resolve("_retention"));
            String datasetId = request.dataset();
            for (DatasetDefinition dataset : definitions.datasets()) {
                if (datasetId == null || datasetId.equals(dataset.id())) {
                    List<String> removed = retention.prune(dataset.id(), request.keep());
                    out.println(dataset.id() + ": removed " + removed.size() + " release(s) " + removed);
                }
            }
            new CatalogBuilder(store, new SiteTemplates(settings.catalog().resolve("site")), scratch.resolve("_catalog"))
                    .rebuild(definitions);
            // only now that the catalog no longer links them are the forgotten releases' files deleted
            for (DatasetDefinition dataset : definitions.datasets()) {
                if (datasetId == null || datasetId.equals(dataset.id())) {
                    retention.sweep(dataset.id());
                }
            }
            return OK;
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Take a release, or a whole dataset, out of publication (personal data or a wrong file "
                    + "published by mistake): the catalog is rebuilt without it, its files are deleted from the store, "
                    + "its page says when and why, and the department gets a receipt. A dataset whose only release is "
                    + "withdrawn is withdrawn whole; a latest release withdrawn gives way to the previous one.")
    static final class Withdraw implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--dataset", required = true, paramLabel = "ID", description = "The dataset")
        String datasetId;

        @Option(names = "--release", paramLabel = "RELEASE",
                description = "The release to withdraw, as its history names it (e.g. 20261127T065709.522Z)")
        String releaseId;

        @Option(names = "--whole-dataset", description = "Withdraw every release: the dataset is no longer published")
        boolean wholeDataset;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why, in words the public may read: shown on the dataset's page, in its history and feeds")
        String reason;

        @Option(names = "--erase-originals",
                description = "Also delete the dropped files those releases were made from, wherever Hiraku kept them "
                        + "(the archive, refused and failed copies, the shared archive): for personal data that must "
                        + "not be kept either. Default: they stay in the archive, private to the operators")
        boolean eraseOriginals;

        @Override
        public Integer call() throws Exception {
            if (reason.isBlank()) {
                System.err.println("hiraku: --reason must say why the data are withdrawn");
                return REJECTED;
            }
            if ((releaseId == null) == !wholeDataset) {
                // a forgotten --release must not take a whole dataset down
                System.err.println("hiraku: say what to withdraw: --release RELEASE (one, as datasets/" + datasetId
                        + "/releases.json names it), or --whole-dataset");
                return REJECTED;
            }
            return holdingWorkOrHandingOver(options.settings(Map.of()),
                    OperatorRequest.withdraw(datasetId, releaseId, wholeDataset, reason.strip(), eraseOriginals));
        }

        /** Also what a running pipeline does with a withdrawal handed over to it. */
        static int withdraw(Settings settings, OperatorRequest request, PrintStream out, PrintStream err) throws Exception {
            String datasetId = request.dataset();
            Definitions definitions = new CatalogSource(settings.catalog(), settings.baseUrl()).load();
            ObjectStore store = Stores.open(settings);
            ObjectStore sharedArchive = Stores.sharedArchiveOrNull(settings);
            Withdrawals withdrawals = new Withdrawals(store, new Workspace(settings.work(), settings.ingest()),
                    new SiteTemplates(settings.catalog().resolve("site")), java.time.Clock.systemUTC(), sharedArchive,
                    Stores.ingestOrNull(settings), settings.integer(Settings.RECEIPTS_KEEP_DAYS));
            io.hiraku.publish.Withdrawal.Plan plan;
            try {
                plan = withdrawals.withdraw(definitions, datasetId, request.release(), request.reason(),
                        Boolean.TRUE.equals(request.eraseOriginals()));
            } catch (io.hiraku.publish.Withdrawal.NotWithdrawable e) {
                err.println("hiraku: " + e.getMessage());
                return REJECTED;
            }
            String what = plan.releases().isEmpty() ? "already withdrawn; its files are removed"
                    : "withdrawn release(s) " + String.join(", ", plan.releases());
            out.println(datasetId + ": " + what + (plan.wholeDataset() ? "; the dataset is no longer published"
                    : "; its latest release is " + plan.latest()));
            out.println("A CDN or cache in front of the store keeps its copies until they expire or are "
                    + "invalidated: invalidate /" + io.hiraku.publish.DatasetIris.datasetKey(datasetId) + "*");
            return OK;
        }
    }

    @Command(name = "republish", mixinStandardHelpOptions = true,
            description = "After a dataset's definition was changed (its schema, where its table is in the file, its "
                    + "error policy): put the file its latest release was made from back into its department's drop "
                    + "folder, where the pipeline (running, or the next publish --once) publishes it under the "
                    + "definition as it is now; the department gets the receipt. Needs no stop of `run`.")
    static final class Republish implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--dataset", paramLabel = "ID", description = "A dataset (repeatable)")
        List<String> datasetIds = new java.util.ArrayList<>();

        @Option(names = "--changed", description = "Every published dataset whose definition changed since its latest release")
        boolean changed;

        @Override
        public Integer call() throws Exception {
            if (datasetIds.isEmpty() == !changed) {
                System.err.println("hiraku: say which datasets: --dataset ID (one or more), or --changed");
                return REJECTED;
            }
            Settings settings = options.settings(Map.of());
            Definitions definitions = new CatalogSource(settings.catalog(), settings.baseUrl()).load();
            Republishing republishing = new Republishing(Stores.open(settings),
                    new Workspace(settings.work(), settings.ingest()));
            List<DatasetDefinition> chosen = new java.util.ArrayList<>(changed ? definitions.datasets() : List.of());
            for (String id : datasetIds) {
                java.util.Optional<DatasetDefinition> dataset = definitions.dataset(id);
                if (dataset.isEmpty()) {
                    System.err.println("hiraku: no dataset " + id + " is defined in " + settings.catalog());
                    return REJECTED;
                }
                chosen.add(dataset.get());
            }
            int queued = 0;
            int needed = 0;
            for (DatasetDefinition dataset : chosen) {
                Republishing.Result result = republishing.republish(definitions, dataset);
                // --changed: only the datasets whose definition changed are named
                if (result.needed() || !changed) {
                    System.out.println(dataset.id() + ": " + result.message());
                }
                queued += result.queued() == null ? 0 : 1;
                needed += result.needed() ? 1 : 0;
            }
            if (changed && needed == 0) {
                System.out.println("No published dataset's definition changed since its latest release.");
            }
            if (queued > 0) {
                System.out.println(queued + " file(s) put back into the drop folders: the running pipeline publishes "
                        + "them at its next look (or the next publish --once); receipts go to each department's "
                        + Workspace.RECEIPTS + "/ folder");
            }
            // a file that could not be put back, or a named dataset that needed none
            return needed > queued || !changed && queued == 0 ? REJECTED : OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "What needs the open-data team: drops refused and not made good, drops an operational error "
                    + "stopped, overdue datasets, definitions that do not load or changed since their release, drops "
                    + "waiting with no run; and each dataset's latest release. Changes nothing; exit 1 when something "
                    + "needs attention (for a monitor).")
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Option(names = "--json", description = "Print the status as JSON (for a monitoring script)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Settings settings = options.settings(Map.of());
            Definitions definitions = new CatalogSource(settings.catalog(), settings.baseUrl()).load();
            io.hiraku.app.Status.Report report = new io.hiraku.app.Status(new Workspace(settings.work(), settings.ingest()),
                    Stores.open(settings), Stores.sharedArchiveOrNull(settings), java.time.Clock.systemUTC(),
                    settings.integer(Settings.ARCHIVE_KEEP_DAYS), settings.integer(Settings.DISK_MIN_FREE_MB))
                    .report(definitions, settings.catalog());
            if (json) {
                System.out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            } else {
                StatusText.print(report, System.out);
            }
            return report.needsAttention() ? REJECTED : OK;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the published folder for preview until Ctrl-C.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            Settings settings = options.settings(server.overrides());
            if (settings.store().startsWith("s3://")) {
                System.err.println("hiraku: serve previews a local store; " + settings.store()
                        + " is served by the bucket's website endpoint or a CDN");
                return OPERATIONAL_ERROR;
            }
            CountDownLatch stop = new CountDownLatch(1);
            try (StaticSiteServer preview = startServer(settings)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                System.out.println("Hiraku: serving " + settings.store() + " at " + preview.url() + " (Ctrl-C to stop)");
                stop.await();
            }
            return OK;
        }
    }
}
