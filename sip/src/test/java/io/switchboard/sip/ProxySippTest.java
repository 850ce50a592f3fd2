package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing proxy against real SIP peers: sipp as the caller (PBX) and sipp as the trunks
 * (issue 5's scenarios). Skipped when sipp is not installed ({@code .ci/run} installs
 * {@code sip-tester}).
 */
class ProxySippTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsSipp() {
        assumeTrue(Sipp.installed(), "sipp not installed (apt-get install sip-tester)");
    }

    private static SipTrunk trunk(String id, int port) {
        return SipTrunk.of(id, "127.0.0.1", port, SipTransport.UDP);
    }

    private Path reply(int code, boolean ring) throws Exception {
        return Sipp.scenario(dir, "uas_reply.xml.tmpl", Map.of("CODE", String.valueOf(code), "Q850", "41",
                "RINGING", ring ? RINGING : ""));
    }

    private static final String RINGING = """
            <send>
              <![CDATA[

                SIP/2.0 180 Ringing
                [last_Via:]
                [last_From:]
                [last_To:];tag=[pid]SIPpTag01[call_number]
                [last_Call-ID:]
                [last_CSeq:]
                Content-Length: 0

              ]]>
            </send>
            <pause milliseconds="100"/>
            """;

    private Path expect(int code) throws Exception {
        return Sipp.scenario(dir, "uac_reject.xml.tmpl", Map.of("CODE", String.valueOf(code)));
    }

    private String logs() throws Exception {
        StringBuilder s = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log")).toList()) {
                s.append("\n--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s.toString();
    }

    @Test
    void answeredCallThenByeIsTimed() throws Exception {
        int a = Sipp.freeUdpPort();
        SipTrunk withHeader = trunk("trunk-a", a).withMedia(null, null, Map.of("X-Trunk-Account", "7"));
        try (ProxyHarness proxy = new ProxyHarness(List.of(withHeader), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), a)) {
            int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_call.xml", Map.of()), proxy.port(), 1);
            assertEquals(0, rc, logs());
            StringBuilder seen = new StringBuilder();
            try (var files = java.nio.file.Files.list(dir)) {
                for (var p : files.filter(f -> f.getFileName().toString().startsWith("uas_answer")
                        && f.getFileName().toString().endsWith("_messages.log")).toList()) {
                    seen.append(java.nio.file.Files.readString(p));
                }
            }
            assertTrue(seen.toString().contains("X-Trunk-Account: 7"), "the trunk's extra header on the proxied INVITE: "
                    + seen);
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

    @Test
    void firstTrunk503SecondAnswers() throws Exception {
        int a = Sipp.freeUdpPort();
        int b = Sipp.freeUdpPort();
        try (ProxyHarness proxy = new ProxyHarness(List.of(trunk("trunk-a", a), trunk("trunk-b", b)), 2_000, 0);
             Sipp uasA = Sipp.uas(dir, reply(503, false), a);
             Sipp uasB = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), b)) {
            int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_call.xml", Map.of()), proxy.port(), 1);
            assertEquals(0, rc, logs());
            List<SipAttempt> attempts = proxy.awaitFinished(2, 2_000);
            assertEquals(2, attempts.size());
            assertEquals(503, attempts.get(0).sipCode());
            assertEquals(41, attempts.get(0).q850Cause(), "Q.850 cause from the Reason header");
            assertTrue(attempts.get(0).retryable());
            assertEquals("trunk-b", attempts.get(1).carrier());
            assertEquals(SipAttempt.Kind.ANSWERED, attempts.get(1).kind());
            assertEquals(2, attempts.get(1).sequence());
        }
    }

    @Test
    void silentFirstTrunkTimesOutSecondAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int b = Sipp.freeUdpPort();
            try (ProxyHarness proxy = new ProxyHarness(List.of(trunk("silent", silent.getLocalPort()), trunk("trunk-b", b)),
                    800, 0);
                 Sipp uasB = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), b)) {
                int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_call.xml", Map.of()), proxy.port(), 1);
                assertEquals(0, rc, logs());
                List<SipAttempt> attempts = proxy.awaitFinished(2, 2_000);
                assertEquals(SipAttempt.Kind.TIMEOUT, attempts.get(0).kind());
                assertNull(attempts.get(0).sipCode());
                assertEquals(SipAttempt.Kind.ANSWERED, attempts.get(1).kind());
                assertTrue(attempts.get(1).startedAt().toEpochMilli() - attempts.get(0).startedAt().toEpochMilli() >= 700);
            }
        }
    }

    @Test
    void busyDoesNotFailOver() throws Exception {
        int a = Sipp.freeUdpPort();
        int b = Sipp.freeUdpPort();
        try (ProxyHarness proxy = new ProxyHarness(List.of(trunk("trunk-a", a), trunk("trunk-b", b)), 2_000, 0);
             Sipp uasA = Sipp.uas(dir, reply(486, false), a);
             Sipp uasB = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), b)) {
            int rc = Sipp.uac(dir, expect(486), proxy.port(), 1);
            assertEquals(0, rc, logs());
            Thread.sleep(300);
            List<SipAttempt> attempts = proxy.awaitFinished(1, 2_000);
            assertEquals(1, attempts.size(), "no second attempt after 486: " + attempts);
            assertEquals(486, attempts.get(0).sipCode());
        }
    }

    @Test
    void ringingThen503DoesNotFailOver() throws Exception {
        int a = Sipp.freeUdpPort();
        int b = Sipp.freeUdpPort();
        try (ProxyHarness proxy = new ProxyHarness(List.of(trunk("trunk-a", a), trunk("trunk-b", b)), 2_000, 0);
             Sipp uasA = Sipp.uas(dir, reply(503, true), a);
             Sipp uasB = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer.xml", Map.of()), b)) {
            // RFC 3261 §16.7 step 6: the only response is a 503, so the caller gets 500
            int rc = Sipp.uac(dir, expect(500), proxy.port(), 1);
            assertEquals(0, rc, logs());
            Thread.sleep(300);
            List<SipAttempt> attempts = proxy.awaitFinished(1, 2_000);
            assertEquals(1, attempts.size(), "no failover once alerted: " + attempts);
            assertNotNull(attempts.get(0).pddMs());
        }
    }

    @Test
    void callerCancelWhileRinging() throws Exception {
        int a = Sipp.freeUdpPort();
        try (ProxyHarness proxy = new ProxyHarness(List.of(trunk("trunk-a", a)), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_ring_cancel.xml", Map.of()), a)) {
            int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_cancel.xml", Map.of()), proxy.port(), 1);
            assertEquals(0, rc, logs());
            List<SipAttempt> attempts = proxy.awaitFinished(1, 2_000);
            assertEquals(SipAttempt.Kind.CANCELED, attempts.get(0).kind());
            assertEquals(487, attempts.get(0).sipCode());
        }
    }

    @Test
    void digestAuthTowardTrunk() throws Exception {
        int a = Sipp.freeUdpPort();
        SipTrunk withAuth = trunk("trunk-auth", a).withCredentials("trunkuser", "s3cret");
        try (ProxyHarness proxy = new ProxyHarness(List.of(withAuth), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_auth.xml", Map.of()), a)) {
            int rc = Sipp.uac(dir, Sipp.scenario(dir, "uac_call.xml", Map.of()), proxy.port(), 1);
            assertEquals(0, rc, logs());
            List<SipAttempt> attempts = proxy.awaitFinished(1, 2_000);
            assertEquals(SipAttempt.Kind.ANSWERED, attempts.get(0).kind());
            assertEquals(1, proxy.awaitCompleted(1, 2_000).size());
        }
    }
}
