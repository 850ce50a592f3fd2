package io.switchboard.sipedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.ProbeResult;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.SipProbeReport;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.node.NodeContext;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sip-edge verticle on a plain Vert.x with a stand-in router on {@code router.plan}: a sipp call
 * through it fails over from a 503 trunk to an answering one, the attempts are published on
 * {@code carrier.outcomes} and {@code events}, and trunk probes on {@code sip.probes} and
 * {@code carrier.<id>.probe}.
 */
class SipEdgeVerticleTest {

    @TempDir
    Path dir;

    private static final Path SIPP = Path.of("/usr/bin/sipp");

    @Test
    void proxiesWithRouterPlanAndPublishesAttemptsAndProbes() throws Exception {
        assumeTrue(Files.isExecutable(SIPP), "sipp not installed (apt-get install sip-tester)");
        int a = freePort();
        int b = freePort();
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        List<Attempt> outcomes = new CopyOnWriteArrayList<>();
        List<EventEnvelope> events = new CopyOnWriteArrayList<>();
        List<SipProbeReport> probes = new CopyOnWriteArrayList<>();
        List<RouteRequest> asked = new CopyOnWriteArrayList<>();
        vertx.eventBus().<RouteRequest>consumer(Addresses.ROUTER_PLAN, m -> {
            asked.add(m.body());
            m.reply(plan(m.body(), "rest-carrier", "trunk-503", "trunk-ok"));
        });
        vertx.eventBus().<Attempt>consumer(Addresses.CARRIER_OUTCOMES, m -> outcomes.add(m.body()));
        vertx.eventBus().<EventEnvelope>consumer(Addresses.EVENTS, m -> events.add(m.body()));
        vertx.eventBus().<EventEnvelope>consumer(Addresses.CARRIER_EVENTS, m -> events.add(m.body()));
        vertx.eventBus().<SipProbeReport>consumer(Addresses.SIP_PROBES, m -> probes.add(m.body()));
        Process uas503 = null;
        Process uasOk = null;
        try {
            SwitchboardConfig config = new ConfigLoader(vertx).load(null, Map.of("SWITCHBOARD_SIP_UDP_PORT", "0",
                    "SWITCHBOARD_SIP_TCP_PORT", "0", "SWITCHBOARD_SIP_PROBE_INTERVAL_MS", "60000",
                    "SWITCHBOARD_SIP_PROBE_TIMEOUT_MS", "500"), new JsonObject());
            NodeContext node = new NodeContext("test-node", config, null, null, null, null, null,
                    new io.switchboard.node.ClusterView() {
                        @Override
                        public String memberId() {
                            return "member-1";
                        }

                        @Override
                        public java.util.List<String> members() {
                            return java.util.List.of("member-1");
                        }
                    });
            List<SipTrunk> trunks = List.of(SipTrunk.of("trunk-503", "127.0.0.1", a, SipTransport.UDP),
                    SipTrunk.of("trunk-ok", "127.0.0.1", b, SipTransport.UDP));
            uas503 = sipp(dir, "uas_503.xml", "-p", String.valueOf(a));
            uasOk = sipp(dir, "uas_answer.xml", "-p", String.valueOf(b));
            Thread.sleep(300);
            SipEdgeVerticle edge = new SipEdgeVerticle(node, trunks, null);
            vertx.deployVerticle(edge).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            int proxyPort = edge.port(SipTransport.UDP);
            assertTrue(proxyPort > 0);

            Process uac = sipp(dir, "uac_call.xml", "127.0.0.1:" + proxyPort, "-p", String.valueOf(freePort()), "-m", "1",
                    "-s", "442071838750", "-d", "200", "-recv_timeout", "10000");
            assertTrue(uac.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, uac.exitValue(), Files.readString(dir.resolve("uac_call.xml.out")));

            long deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline && (outcomes.size() < 2 || events.size() < 3)) {
                Thread.sleep(20);
            }
            assertEquals("+442071838750", asked.get(0).to().value());
            assertEquals(2, outcomes.size(), outcomes.toString());
            assertEquals("trunk-503", outcomes.get(0).carrier());
            assertEquals(AttemptOutcome.RETRYABLE_FAILURE, outcomes.get(0).outcome());
            assertEquals(503, outcomes.get(0).sipCode());
            assertEquals("trunk-ok", outcomes.get(1).carrier());
            assertEquals(AttemptOutcome.SUCCESS, outcomes.get(1).outcome());
            assertEquals(List.of("call.attempt.failed", "call.answered", "call.completed"),
                    events.stream().map(EventEnvelope::type).toList());

            // API-originated calls: the router's AttemptRequest on the trunk's carrier address (UAC INVITE)
            io.switchboard.contract.bus.AttemptReply failed = vertx.eventBus()
                    .<io.switchboard.contract.bus.AttemptReply>request(Addresses.carrier("trunk-503"), uacRequest("api-1"))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
            assertEquals(AttemptOutcome.RETRYABLE_FAILURE, failed.outcome(), failed.toString());
            assertEquals(503, failed.sipCode());
            io.switchboard.contract.bus.AttemptReply ok = vertx.eventBus()
                    .<io.switchboard.contract.bus.AttemptReply>request(Addresses.carrier("trunk-ok"), uacRequest("api-2"))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
            assertEquals(AttemptOutcome.SUCCESS, ok.outcome(), ok.toString());
            assertNotNull(ok.carrierCallId());
            deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline && events.stream().noneMatch(e -> e.type().equals("call.answered")
                    && "api-2".equals(e.data().path("call_id").asText()))) {
                Thread.sleep(20);
            }
            assertTrue(events.stream().anyMatch(e -> e.type().equals("call.failed")
                    && "api-1".equals(e.data().path("call_id").asText())
                    && e.data().path("sip_code").asInt() == 503), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.type().equals("call.answered")
                    && "api-2".equals(e.data().path("call_id").asText())
                    && ok.carrierCallId().equals(e.data().path("carrier_call_id").asText())), events.toString());

            // the health-monitor's question: an OPTIONS now; sipp's INVITE-only scenario ignores it -> timeout
            ProbeResult asked503 = vertx.eventBus().<ProbeResult>request(Addresses.carrierProbe("trunk-503"), null)
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
            assertEquals("trunk-503", asked503.carrier());
            assertTrue(!asked503.alive());
            deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline && probes.size() < 3) {
                Thread.sleep(20);
            }
            assertTrue(probes.size() >= 3, "a probe of each trunk at start, then the one asked: " + probes);
            assertNotNull(probes.get(0).node());
        } finally {
            for (Process p : new Process[] {uas503, uasOk}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor(3, TimeUnit.SECONDS);
                }
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static io.switchboard.contract.bus.AttemptRequest uacRequest(String callId) {
        return new io.switchboard.contract.bus.AttemptRequest("req-" + callId, callId, 1,
                io.switchboard.contract.model.Service.VOICE,
                io.switchboard.contract.model.E164.parse("to", "+442071838750"),
                io.switchboard.contract.model.E164.parse("from", "+14155550100"), null, "trunk-ok", "44", 1L, 5_000, null);
    }

    private static RoutePlan plan(RouteRequest request, String... carriers) {
        Money rate = Money.of("0.01", "USD");
        return new RoutePlan(request.requestId(), request.service(), request.to(), java.util.Arrays.stream(carriers)
                .map(c -> new RoutePlan.Candidate(c, 1, "44", rate, rate, 100, BreakerState.CLOSED, 1, "test")).toList(),
                List.of(), Instant.now(), 1);
    }

    private static Process sipp(Path dir, String scenario, String... args) throws Exception {
        Path file = dir.resolve(scenario);
        if (!Files.exists(file)) {
            try (InputStream in = SipEdgeVerticleTest.class.getResourceAsStream("/sipedge/" + scenario)) {
                Files.copy(in, file);
            }
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(SIPP.toString(), "-sf", file.toString(), "-i", "127.0.0.1",
                "-nostdin"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(scenario + ".out").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
