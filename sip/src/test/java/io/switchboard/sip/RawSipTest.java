package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's protections and RFC 3261 §16.3 checks, with hand-written datagrams (no sipp needed):
 * Max-Forwards, loop detection, ACL, malformed messages, flood limit, concurrency limit, no route.
 */
class RawSipTest {

    private DatagramSocket pbx;
    private int n;

    @BeforeEach
    void open() throws Exception {
        pbx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pbx.setSoTimeout(2_000);
    }

    @AfterEach
    void close() {
        pbx.close();
    }

    private String request(String method, int proxyPort, String extra) {
        n++;
        return method + " sip:+442071838750@127.0.0.1:" + proxyPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + pbx.getLocalPort() + ";branch=z9hG4bK-raw-" + n + "-" + System.nanoTime() + "\r\n"
                + "From: <sip:pbx@127.0.0.1>;tag=t" + n + "\r\n"
                + "To: <sip:+442071838750@127.0.0.1>\r\n"
                + "Call-ID: raw-" + n + "-" + System.nanoTime() + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extra
                + "Contact: <sip:pbx@127.0.0.1:" + pbx.getLocalPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void send(DatagramSocket from, String text, int port) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
    }

    /** @return the next message received that is not a 100, or null on timeout */
    private static String receiveFinal(DatagramSocket s, long ms) throws Exception {
        long deadline = System.currentTimeMillis() + ms;
        byte[] buf = new byte[8192];
        while (System.currentTimeMillis() < deadline) {
            s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0 100")) {
                return text;
            }
        }
        return null;
    }

    @Test
    void maxForwardsZeroIs483() throws Exception {
        try (ProxyHarness proxy = new ProxyHarness(List.of(), 1_000, 0)) {
            send(pbx, request("INVITE", proxy.port(), "Max-Forwards: 0\r\n"), proxy.port());
            assertTrue(receiveFinal(pbx, 2_000).startsWith("SIP/2.0 483"));
        }
    }

    @Test
    void noRouteIs404AndOptionsIs200AndOtherMethods405() throws Exception {
        try (ProxyHarness proxy = new ProxyHarness(List.of(), 1_000, 0)) {
            send(pbx, request("INVITE", proxy.port(), "Max-Forwards: 70\r\n"), proxy.port());
            assertTrue(receiveFinal(pbx, 2_000).startsWith("SIP/2.0 404"));
            send(pbx, request("OPTIONS", proxy.port(), ""), proxy.port());
            assertTrue(receiveFinal(pbx, 2_000).startsWith("SIP/2.0 200"));
            send(pbx, request("MESSAGE", proxy.port(), ""), proxy.port());
            String r = receiveFinal(pbx, 2_000);
            assertTrue(r.startsWith("SIP/2.0 405") && r.contains("Allow:"), r);
        }
    }

    @Test
    void loopThroughItselfIs482() throws Exception {
        int port = Sipp.freeUdpPort();
        SipTrunk self = SipTrunk.of("self", "127.0.0.1", port, SipTransport.UDP);
        try (ProxyHarness proxy = new ProxyHarness(List.of(self), 2_000, 0, List.of("127.0.0.0/8"), port)) {
            send(pbx, request("INVITE", port, "Max-Forwards: 70\r\n"), port);
            String r = receiveFinal(pbx, 3_000);
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 482"), r);
        }
    }

    @Test
    void sourceOutsideAclIs403() throws Exception {
        try (ProxyHarness proxy = new ProxyHarness(List.of(), 1_000, 0, List.of("10.0.0.0/8"), 0)) {
            send(pbx, request("INVITE", proxy.port(), "Max-Forwards: 70\r\n"), proxy.port());
            assertTrue(receiveFinal(pbx, 2_000).startsWith("SIP/2.0 403"));
        }
    }

    @Test
    void malformedMessagesDoNotHurtOthers() throws Exception {
        try (ProxyHarness proxy = new ProxyHarness(List.of(), 1_000, 0)) {
            send(pbx, "INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: this is not a via\r\nCSeq: x\r\n\r\n", proxy.port());
            send(pbx, "\u0000\u0001garbage\r\n\r\n", proxy.port());
            send(pbx, request("INVITE", proxy.port(), "Max-Forwards: banana\r\n"), proxy.port());
            String r = receiveFinal(pbx, 500);
            assertTrue(r == null || r.startsWith("SIP/2.0 400"), "answered 400 or dropped: " + r);
            while (receiveFinal(pbx, 300) != null) {
                // drain any other 400
            }
            send(pbx, request("OPTIONS", proxy.port(), ""), proxy.port());
            assertTrue(receiveFinal(pbx, 2_000).startsWith("SIP/2.0 200"), "still serving");
        }
    }

    @Test
    void floodingSourceIsBanned() throws Exception {
        try (ProxyHarness proxy = new ProxyHarness(List.of(), 1_000, 5)) {
            for (int i = 0; i < 12; i++) {
                send(pbx, request("OPTIONS", proxy.port(), ""), proxy.port());
            }
            int answered = 0;
            while (receiveFinal(pbx, 500) != null) {
                answered++;
            }
            assertEquals(5, answered, "5 per second, then banned");
            send(pbx, request("OPTIONS", proxy.port(), ""), proxy.port());
            assertNull(receiveFinal(pbx, 300), "banned for a while");
        }
    }

    @Test
    void fullTrunkIsSkipped() throws Exception {
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            SipTrunk limited = SipTrunk.of("a", "127.0.0.1", a.getLocalPort(), SipTransport.UDP).withLimits(1, 0);
            SipTrunk other = SipTrunk.of("b", "127.0.0.1", b.getLocalPort(), SipTransport.UDP);
            try (ProxyHarness proxy = new ProxyHarness(List.of(limited, other), 5_000, 0)) {
                send(pbx, request("INVITE", proxy.port(), "Max-Forwards: 70\r\n"), proxy.port());
                String first = receiveFinal(a, 2_000);
                assertTrue(first != null && first.startsWith("INVITE sip:+442071838750@127.0.0.1:" + a.getLocalPort()),
                        "first call on a: " + first);
                assertTrue(first.contains("Max-Forwards: 69") && first.contains("Record-Route:"), first);
                send(pbx, request("INVITE", proxy.port(), "Max-Forwards: 70\r\n"), proxy.port());
                String second = receiveFinal(b, 2_000);
                assertTrue(second != null && second.startsWith("INVITE"), "a is full, second call on b: " + second);
            }
        }
    }
}
