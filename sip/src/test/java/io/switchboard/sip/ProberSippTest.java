package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.sip.probe.OptionsProber;
import io.switchboard.sip.probe.ProbeResult;
import io.switchboard.sip.probe.ProbeSettings;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIONS probing against a silent port, then against sipp answering 200 on the same port. */
class ProberSippTest {

    @TempDir
    Path dir;

    @Test
    void silentTrunkGoesDownThenComesBackUp() throws Exception {
        assumeTrue(Sipp.installed(), "sipp not installed (apt-get install sip-tester)");
        DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = silent.getLocalPort();
        SipTrunk trunk = SipTrunk.of("probed", "127.0.0.1", port, SipTransport.UDP);
        List<ProbeResult> results = new CopyOnWriteArrayList<>();
        try (ProxyHarness edge = new ProxyHarness(List.of(trunk), 2_000, 0)) {
            ProbeSettings settings = new ProbeSettings(200, 150, 3, 2, Set.of(200));
            long started = System.nanoTime();
            edge.context.runOnContext(v -> new OptionsProber(edge.endpoint, new Sender(null), edge.vertx, settings,
                    List.of(trunk), results::add).start());
            ProbeResult down = await(results, r -> r.changed() && !r.up(), 5_000);
            long downMs = (System.nanoTime() - started) / 1_000_000;
            assertNotNull(down, "marked down: " + results);
            assertEquals("timeout", down.error());
            assertEquals(3, results.indexOf(down) + 1, "down after 3 failures");
            silent.close();
            int before = results.size();
            long answering = System.nanoTime();
            try (Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_options.xml", Map.of()), port)) {
                ProbeResult up = await(results, r -> r.changed() && r.up(), 5_000);
                System.out.printf("silent SIP trunk: marked down %d ms after probing began (N x interval + timeout "
                        + "= 750 ms), up %d ms after it answered again (M x interval = 400 ms, plus sipp's start)%n",
                        downMs, (System.nanoTime() - answering) / 1_000_000);
                assertNotNull(up, "marked up again: " + results);
                assertTrue(up.alive());
                assertEquals(200, up.sipCode());
                assertNotNull(up.latencyMs());
                List<ProbeResult> after = results.subList(before, results.indexOf(up) + 1);
                // a probe sent before the trunk answered may time out late, between successes:
                // what counts is that the two results up to the change are successes in a row
                assertTrue(after.get(after.size() - 1).alive() && after.get(after.size() - 2).alive(),
                        "up after 2 successes in a row: " + after);
                assertFalse(after.get(after.size() - 2).up(), "still down after the first success");
            }
        } finally {
            silent.close();
        }
    }

    private static ProbeResult await(List<ProbeResult> results, java.util.function.Predicate<ProbeResult> p, long ms)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            for (ProbeResult r : results) {
                if (p.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }
}
