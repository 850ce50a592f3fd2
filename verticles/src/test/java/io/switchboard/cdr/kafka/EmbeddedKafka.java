package io.switchboard.cdr.kafka;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapDirectory;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.MetaPropertiesVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM for tests: one KRaft process that is both broker and
 * controller ({@code process.roles=broker,controller}), {@code kafka_2.13} of the same version as
 * the {@code kafka-clients} that vertx-kafka-client brings (see the root pom's
 * {@code kafka.version}).
 *
 * <p>{@link #start()} formats a fresh temporary log directory (what {@code kafka-storage.sh
 * format} does: {@code meta.properties} and the {@code bootstrap.checkpoint} of the latest
 * production metadata version), picks two free loopback ports (client listener
 * {@code PLAINTEXT} and {@code CONTROLLER}), starts the server and waits until the broker answers
 * an admin request. It takes about 2-4 s. Topics are auto-created on first produce (one
 * partition); {@link #createTopic} makes them explicitly. Every replication factor and ISR minimum
 * is 1; the group coordinator has no initial rebalance delay.
 *
 * <p>{@link #close()} stops the server and deletes the log directory; use try-with-resources or
 * an {@code @AfterAll}. Several instances can run at once (each has its own ports and directory).
 *
 * <p>Side effects on the JVM: Kafka's {@link Exit} exit and halt procedures are replaced by ones
 * that throw, so that a fatal broker fault fails the test instead of killing the test JVM; and
 * the loggers {@code kafka}, {@code org.apache.kafka} and {@code state.change.logger} are set to
 * WARN (the broker logs hundreds of INFO lines on start).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path logDir, int port, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.server = server;
    }

    /**
     * Formats a temporary log directory and starts the broker; returns once it serves requests.
     *
     * @return the running broker
     * @throws IllegalStateException if the broker does not start within 60 s or fails to start
     *     (the log directory is then deleted)
     */
    public static EmbeddedKafka start() {
        quietLogs();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt(" + code + "): " + message);
        });
        Path dir;
        try {
            dir = Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaRaftServer server = null;
        try {
            int[] ports = freePorts(2);
            format(dir);
            server = new KafkaRaftServer(new KafkaConfig(config(dir, ports[0], ports[1]), false),
                    Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(dir, ports[0], server);
            kafka.awaitReady();
            return kafka;
        } catch (RuntimeException | IOException e) {
            if (server != null) {
                stop(server);
            }
            deleteRecursively(dir);
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** @return the client bootstrap address, {@code 127.0.0.1:port} */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /**
     * Creates a topic with replication factor 1 and waits until it is created; a topic that
     * already exists is left as it is.
     *
     * @param name the topic name
     * @param partitions the number of partitions, at least 1
     * @throws IllegalStateException if the creation fails or takes more than 30 s
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + name + " not created within 30 s", e);
        }
    }

    /**
     * Reads a topic from the beginning, all partitions, without a consumer group, until
     * {@code expectedCount} records have been read or the time is up. Records are in partition
     * order per partition; across partitions in the order polled.
     *
     * @param topic the topic (it must exist, or be auto-created within the timeout)
     * @param expectedCount how many records to wait for; more may be returned if they arrived in
     *     the same poll
     * @param timeoutMs the longest wait, in milliseconds
     * @return the records read, as strings (UTF-8 keys and values)
     * @throws AssertionError if fewer than {@code expectedCount} records arrived in time (the
     *     message says how many did)
     */
    public List<ConsumerRecord<String, String>> consume(String topic, int expectedCount,
            long timeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < expectedCount) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                consumer.poll(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))))
                        .forEach(records::add);
            }
        }
        if (records.size() < expectedCount) {
            throw new AssertionError("expected " + expectedCount + " records on " + topic
                    + " within " + timeoutMs + " ms, got " + records.size() + ": " + records);
        }
        return records;
    }

    /** Stops the broker (waiting for its threads) and deletes its log directory; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server);
        deleteRecursively(logDir);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer,
            String topic, long deadline) {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
            sleep(100);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker not ready within " + START_TIMEOUT,
                                e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for the broker", e);
                }
                sleep(100);
            }
        }
    }

    /** What {@code kafka-storage.sh format} writes: meta.properties and bootstrap.checkpoint. */
    private static void format(Path dir) throws IOException {
        MetaProperties props = new MetaProperties.Builder()
                .setVersion(MetaPropertiesVersion.V1)
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setDirectoryId(Uuid.randomUuid())
                .build();
        BootstrapMetadata bootstrap = BootstrapMetadata.fromVersion(
                MetadataVersion.LATEST_PRODUCTION, "EmbeddedKafka");
        MetaPropertiesEnsemble.Copier copier =
                new MetaPropertiesEnsemble.Copier(MetaPropertiesEnsemble.EMPTY);
        copier.setLogDirProps(dir.toString(), props);
        copier.setPreWriteHandler((logDir, isNew, metaProperties) ->
                new BootstrapDirectory(logDir, Optional.empty()).writeBinaryFile(bootstrap));
        copier.writeLogDirChanges();
    }

    private static Map<String, Object> config(Path dir, int port, int controllerPort) {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", NODE_ID);
        c.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + port
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("log.dirs", dir.toString());
        c.put("num.partitions", 1);
        c.put("auto.create.topics.enable", true);
        c.put("offsets.topic.replication.factor", (short) 1);
        c.put("offsets.topic.num.partitions", 1);
        c.put("transaction.state.log.replication.factor", (short) 1);
        c.put("transaction.state.log.min.isr", 1);
        c.put("transaction.state.log.num.partitions", 1);
        c.put("min.insync.replicas", 1);
        c.put("group.initial.rebalance.delay.ms", 0);
        c.put("controlled.shutdown.enable", false);
        c.put("server.max.startup.time.ms", START_TIMEOUT.toMillis());
        return c;
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(EmbeddedKafka.class).warn("embedded Kafka shutdown", e);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        // held open together so that the ports differ; a race with another process is unlikely
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static void quietLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                    && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LoggerFactory.getLogger(EmbeddedKafka.class).warn("cannot delete {}", dir, e);
        }
    }
}
