package io.switchboard.sip;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs sipp (the {@code sip-tester} package) for the tests: scenario files from the class path. */
public final class Sipp implements AutoCloseable {

    /** Where sipp is looked for. */
    public static final Path SIPP = Path.of(System.getProperty("sipp", "/usr/bin/sipp"));

    private final Process process;
    private final Path log;

    private Sipp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @return whether sipp is installed */
    public static boolean installed() {
        return Files.isExecutable(SIPP);
    }

    /**
     * Copies a scenario from the class path (resource {@code sipp/<name>}), replacing {@code @KEY@}
     * placeholders.
     */
    public static Path scenario(Path dir, String name, Map<String, String> values) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
            if (in == null) {
                throw new IOException("no scenario " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("@" + e.getKey() + "@", e.getValue());
            }
            String file = name.replace(".tmpl", "").replace(".xml", "") + "_" + values.hashCode() + ".xml";
            Path out = dir.resolve(file);
            Files.writeString(out, text, StandardCharsets.ISO_8859_1);
            return out;
        }
    }

    /** Starts a UAS (trunk) on a port; it runs until closed. */
    public static Sipp uas(Path dir, Path scenario, int port, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SIPP.toString(), "-sf", scenario.toString(), "-i", "127.0.0.1",
                "-p", String.valueOf(port), "-nostdin", "-trace_msg", "-trace_err", "-error_file",
                dir.resolve("uas" + port + "_errors.log").toString()));
        cmd.addAll(List.of(extra));
        Path log = dir.resolve("uas" + port + ".out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !bound(port)) {
            Thread.sleep(20);
        }
        return new Sipp(p, log);
    }

    /**
     * Runs a UAC to completion.
     *
     * @return sipp's exit code: 0 when every call succeeded
     */
    public static int uac(Path dir, Path scenario, int proxyPort, int calls, String... extra)
            throws IOException, InterruptedException {
        int port = freeUdpPort();
        List<String> cmd = new ArrayList<>(List.of(SIPP.toString(), "-sf", scenario.toString(), "127.0.0.1:" + proxyPort,
                "-i", "127.0.0.1", "-p", String.valueOf(port), "-m", String.valueOf(calls), "-s", "442071838750",
                "-nostdin", "-recv_timeout", "10000", "-timeout", "30s", "-d", "200", "-trace_err", "-error_file",
                dir.resolve("uac_errors.log").toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("uac.out").toFile()).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** @return a UDP port free right now on 127.0.0.1 */
    public static int freeUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static boolean bound(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** @return the process output so far (for failure messages) */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
