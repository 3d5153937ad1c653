package io.hiraku.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker (broker and KRaft controller in one JVM) on 127.0.0.1 only, its log in a
 * folder: to try distributed mode on one machine ({@code hiraku kafka}), for the benchmark's worker runs,
 * and for the tests. Not for production: one node, no replication. Kafka's own {@code KafkaClusterTestKit}
 * binds every interface, so it is not used. The broker's classes (kafka_2.13, Scala) are not on the
 * application's classpath: {@link #launch} runs it in a JVM of its own with {@code target/kafka/*} added.
 */
public final class LocalKafka implements AutoCloseable {
    /** The line {@link #main} prints once the broker listens, followed by its bootstrap address. */
    static final String READY = "Kafka listening on ";
    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker in this JVM, on a free port (0) or the one given; its log goes in {@code dir}. */
    public static LocalKafka start(Path dir, int wantedPort) throws IOException {
        return start(dir, wantedPort, null, null);
    }

    /**
     * Starts a broker in this JVM, on a free port, that takes only clients signing in with SASL/PLAIN as
     * {@code user} (what a secured cluster asks of Hiraku; TLS is configured the same way on the client side).
     */
    public static LocalKafka startSecured(Path dir, String user, String password) throws IOException {
        return start(dir, 0, user, password);
    }

    private static LocalKafka start(Path dir, int wantedPort, String user, String password) throws IOException {
        int port = wantedPort > 0 ? wantedPort : freePort();
        int controller = freePort();
        String listener = user == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        props.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        props.put("advertised.listeners", listener + "://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", listener);
        if (user != null) {
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" "
                            + "password=\"broker-secret\" user_broker=\"broker-secret\" user_" + user + "=\"" + password + "\";");
        }
        props.put("log.dirs", dir.resolve("log").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "Hiraku's local Kafka broker");
        }
        // formatted once; started again on the same folder, it keeps its topics and offsets
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int formatted = Files.exists(dir.resolve("log/meta.properties")) ? 0 : StorageTool.execute(new String[] {"format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString()}, new PrintStream(said, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            throw new IOException("the broker's storage in " + dir + " could not be formatted: "
                    + said.toString(StandardCharsets.UTF_8));
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new LocalKafka(server, port);
    }

    /** {@code 127.0.0.1:<port>}: the bootstrap servers clients connect to. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** A broker in a JVM of its own; closing it stops the broker. */
    public record Process(java.lang.Process process, String bootstrapServers) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Starts a broker in a new JVM, with this JVM's classpath and the broker's jars ({@code kafka/} beside
     * {@code hiraku.jar}, made by {@code mvn package}), and returns once it listens.
     *
     * @param log where the broker's output goes
     */
    public static Process launch(Path dir, int port, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx512m", "-cp", classPath(), LocalKafka.class.getName(), dir.toString(),
                String.valueOf(port)));
        java.lang.Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Files.createDirectories(log.toAbsolutePath().getParent());
        // the reader stays open: it is handed to a thread that keeps the pipe from filling up
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try (var copy = Files.newBufferedWriter(log)) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.write(line);
                copy.newLine();
                if (line.startsWith(READY)) {
                    Thread drain = new Thread(() -> drain(out), "local-kafka-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new Process(process, line.substring(READY.length()).trim());
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("the Kafka broker did not start; see " + log
                + (Files.isDirectory(kafkaJars()) ? "" : " (no " + kafkaJars() + ": run mvn package first)"));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the broker's own log, kept off the console
            }
        } catch (IOException e) {
            // the broker stopped
        }
    }

    /** This JVM's classpath, and the broker's jars next to hiraku.jar when this JVM runs from the jar. */
    private static String classPath() {
        String own = System.getProperty("java.class.path");
        Path jars = kafkaJars();
        return Files.isDirectory(jars) ? own + File.pathSeparator + jars + File.separator + "*" : own;
    }

    private static Path kafkaJars() {
        String own = System.getProperty("java.class.path");
        Path first = Path.of(own.split(File.pathSeparator)[0]).toAbsolutePath();
        return first.resolveSibling("kafka");
    }

    /** {@code LocalKafka <dir> [port]}: runs a broker until the JVM is stopped. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/hiraku/kafka");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        LocalKafka kafka = start(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "local-kafka-stop"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
