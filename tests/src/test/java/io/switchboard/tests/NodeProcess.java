package io.switchboard.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Switchboard node as a separate process: {@code java -jar switchboard.jar run ...} with
 * {@code SWITCHBOARD_*} environment variables, its output captured in a file.
 */
final class NodeProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("switchboard.jar", "../verticles/target/switchboard.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private final long startedNanos = System.nanoTime();

    private NodeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** @return the java launcher of this test JVM */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** @return a Java 25 launcher if this machine has one (Temurin 25 ships on it), else null */
    static String java25() {
        String fromEnv = System.getenv("SWITCHBOARD_TEST_JAVA25");
        Path candidate = Path.of(fromEnv != null ? fromEnv : "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(candidate) ? candidate.toString() : null;
    }

    /** The admin key of every node process ({@code SWITCHBOARD_API_BOOTSTRAP_ADMIN_KEY}). */
    static final String ADMIN_KEY = "sk_live_AdminKeyOfNodeProcess00000000000";

    /**
     * The environment of a node alone in its own cluster (a fresh name), on ports the system
     * picks ({@link #awaitReady} reads them from the log), with its embedded PostgreSQL under
     * {@code dataDir}. Tests add or replace variables.
     *
     * @param cluster the cluster name (nodes that should meet share it)
     * @param clusterPort the first Hazelcast port
     */
    static Map<String, String> isolatedEnv(String cluster, int clusterPort, Path dataDir) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("SWITCHBOARD_CLUSTER_NAME", cluster);
        env.put("SWITCHBOARD_CLUSTER_PORT", String.valueOf(clusterPort));
        env.put("SWITCHBOARD_CLUSTER_MEMBERS", "127.0.0.1");
        env.put("SWITCHBOARD_MANAGEMENT_PORT", "0");
        env.put("SWITCHBOARD_HTTP_PORT", "0");
        env.put("SWITCHBOARD_GRPC_PORT", "0");
        env.put("SWITCHBOARD_DATABASE_EMBEDDED_DATA_DIR", dataDir.toString());
        env.put("SWITCHBOARD_CDR_JOURNAL_DIR", dataDir.resolveSibling(dataDir.getFileName() + "-journal").toString());
        env.put("SWITCHBOARD_DATABASE_EMBEDDED_PORT", "0");
        env.put("SWITCHBOARD_SECRETS_KEY_FILE", dataDir.resolve("secret.key").toString());
        env.put("SWITCHBOARD_API_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("SWITCHBOARD_SIP_UDP_PORT", "0");
        env.put("SWITCHBOARD_SIP_TCP_PORT", "0");
        return env;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param java the java launcher
     * @param env SWITCHBOARD_* variables for the node
     * @param log where the node's stdout and stderr go
     * @param args arguments after {@code -jar switchboard.jar}
     */
    static NodeProcess start(String java, Map<String, String> env, Path log, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no fat jar at " + JAR.toAbsolutePath() + ": run `mvn verify` from the root");
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        return new NodeProcess(builder.start(), log);
    }

    /**
     * Where a started node listens, read from its "ready" log line.
     *
     * @param millis from process start to ready
     * @param managementPort the management server's bound port
     * @param httpPort the public API's bound port, or -1 without the http-api role
     */
    record Ready(long millis, int managementPort, int httpPort) {
    }

    private static final java.util.regex.Pattern READY_LINE = java.util.regex.Pattern.compile(
            "ready in \\d+ ms.*management :(\\d+)(?:, http :(\\d+))?");
    private static final java.util.regex.Pattern EMBEDDED_PORT = java.util.regex.Pattern.compile(
            "embedded PostgreSQL [a-z ]+ on 127\\.0\\.0\\.1:(\\d+)");

    /**
     * Waits for the node's "ready" log line (nodes bind port 0 in these tests, so the line says
     * which ports they got), then checks {@code /health/ready} answers 200 on the management port.
     */
    Ready awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("node exited with " + process.exitValue() + " before ready:\n" + output());
            }
            java.util.regex.Matcher line = READY_LINE.matcher(output());
            if (line.find()) {
                long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
                int management = Integer.parseInt(line.group(1));
                int http = line.group(2) == null ? -1 : Integer.parseInt(line.group(2));
                HttpResponse<String> ready = get(management, "/health/ready");
                if (ready.statusCode() != 200) {
                    throw new AssertionError("logged ready but /health/ready says " + ready.body());
                }
                return new Ready(millis, management, http);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("node not ready within " + timeout + ":\n" + output());
    }

    /** @return the port of the embedded PostgreSQL this node started, from its log */
    int embeddedDatabasePort() {
        java.util.regex.Matcher line = EMBEDDED_PORT.matcher(output());
        if (!line.find()) {
            throw new AssertionError("this node started no embedded PostgreSQL:\n" + output());
        }
        return Integer.parseInt(line.group(1));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, ADMIN_KEY);
    }

    /** GET with {@code Authorization: Bearer key}. */
    static HttpResponse<String> get(int port, String path, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no goodbye to the cluster). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
