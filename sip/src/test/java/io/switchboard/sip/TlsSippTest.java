package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.stack.EndpointSettings;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's TLS listening point ({@code sip.tls-keystore}): a throwaway PKCS12 keystore made with
 * the JDK's keytool, a TLS handshake against the listening point, then a call from a sipp UAC over
 * TLS ({@code -t l1}) to a sipp UAS trunk over UDP. The sipp part is skipped when sipp is missing or
 * built without TLS (Debian's {@code sip-tester} 3.6.1 has no {@code l1} transport).
 */
class TlsSippTest {

    private static final String PASSWORD = "changeit-test";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsSipp() {
        assumeTrue(Sipp.installed(), "sipp not installed (apt-get install sip-tester)");
    }

    @Test
    void answeredCallFromTlsCallerToUdpTrunk() throws Exception {
        Path keystore = dir.resolve("edge.p12");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "edge", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1"));
        int a = Sipp.freeUdpPort();
        EndpointSettings tls = new EndpointSettings("127.0.0.1", 0, 0, 0, keystore.toString(), PASSWORD, 1 << 20, 2);
        try (ProxyHarness proxy = new ProxyHarness(List.of(SipTrunk.of("trunk-a", "127.0.0.1", a, SipTransport.UDP)),
                2_000, 0, List.of("127.0.0.0/8"), tls)) {
            int tlsPort = proxy.endpoint.port(SipTransport.TLS);
            assertTrue(tlsPort > 0, "TLS listening point bound");
            handshake(keystore, tlsPort);

            String why = sippWithoutTls();
            assumeTrue(why == null, why);
            Path cert = dir.resolve("sipp-cert.pem");
            Path key = dir.resolve("sipp-key.pem");
            run(List.of("openssl", "pkcs12", "-in", keystore.toString(), "-passin", "pass:" + PASSWORD, "-clcerts",
                    "-nokeys", "-out", cert.toString()));
            run(List.of("openssl", "pkcs12", "-in", keystore.toString(), "-passin", "pass:" + PASSWORD, "-nocerts",
                    "-nodes", "-out", key.toString()));
            try (Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), a)) {
                int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_call.xml", Map.of()), tlsPort, 1, "-t", "l1",
                        "-tls_cert", cert.toString(), "-tls_key", key.toString());
                assertEquals(0, rc, logs() + uas.output());
                List<SipAttempt> attempts = proxy.awaitFinished(1, 2_000);
                assertEquals(1, attempts.size());
                SipAttempt answered = attempts.get(0);
                assertEquals(SipAttempt.Kind.ANSWERED, answered.kind());
                assertEquals(200, answered.sipCode());
                assertEquals("trunk-a", answered.carrier());
                assertNotNull(answered.pddMs());
                List<SipAttempt> done = proxy.awaitCompleted(1, 2_000);
                assertEquals(1, done.size());
                assertTrue(done.get(0).durationMs() >= 150, "duration 2xx to BYE: " + done.get(0).durationMs());
            }
        }
    }

    /** A TLS handshake with the edge, trusting only the throwaway certificate (and checking its SAN). */
    private static void handshake(Path keystore, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            var params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            assertNotNull(socket.getSession().getPeerCertificates()[0]);
        }
    }

    /** @return why this sipp cannot do TLS, or null when it can */
    private String sippWithoutTls() throws Exception {
        String version = output(List.of(Sipp.SIPP.toString(), "-v"));
        String help = output(List.of(Sipp.SIPP.toString(), "-h"));
        if (version.contains("TLS") || help.contains("-tls_cert")) {
            return null;
        }
        return "sipp has no TLS support (" + version.lines().filter(l -> l.contains("SIPp")).findFirst()
                .orElse("?").trim() + ": no TLS in -v, no -t l1/-tls_cert in -h); needs a sipp built with TLS";
    }

    private String output(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor(5, TimeUnit.SECONDS);
        return out;
    }

    private void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd.get(0) + " " + cmd.get(1) + " failed: " + out);
        }
    }

    private String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log")).toList()) {
                s.append("\n--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s.toString();
    }
}
