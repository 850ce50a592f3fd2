package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.switchboard.sip.proxy.ProxySettings;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.switchboard.sip.uac.CarrierAttempt;
import io.switchboard.sip.uac.TrunkCaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API-originated calls to a SIP trunk: the edge as UAC ({@link TrunkCaller}, {@link CarrierAttempt}),
 * sipp as the trunk. Skipped when sipp is not installed.
 */
class TrunkCallerSippTest {

    @TempDir
    Path dir;

    final List<AttemptReply> replies = new CopyOnWriteArrayList<>();
    final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void needsSipp() {
        assumeTrue(Sipp.installed(), "sipp not installed (apt-get install sip-tester)");
    }

    private static AttemptRequest request(Service service, String carrier) {
        return new AttemptRequest("req-1", "call-1", 1, service, E164.parse("to", "+442071838750"),
                E164.parse("from", "+14155550100"), null, carrier, "44", 1L, 5_000, null);
    }

    private TrunkCaller.Call start(ProxyHarness h, SipTrunk trunk) throws Exception {
        CompletableFuture<TrunkCaller.Call> started = new CompletableFuture<>();
        h.context.runOnContext(v -> started.complete(CarrierAttempt.start(h.caller, request(Service.VOICE, trunk.id()),
                trunk, ProxySettings.DEFAULT_RETRY_CODES, replies::add, events::add)));
        return started.get(5, TimeUnit.SECONDS);
    }

    private AttemptReply awaitReply() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (replies.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, replies.size(), "one reply: " + replies + " events " + events);
        return replies.get(0);
    }

    private EventEnvelope awaitEvent(String type) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            for (EventEnvelope e : events) {
                if (e.type().equals(type)) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " in " + events + logs());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(EventEnvelope e) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(e.data(), Map.class);
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

    private static SipTrunk trunk(int port) {
        return SipTrunk.of("trunk-a", "127.0.0.1", port, SipTransport.UDP);
    }

    @Test
    void answeredThenTrunkByeGivesEventsAndSuccess() throws Exception {
        int a = Sipp.freeUdpPort();
        try (ProxyHarness h = new ProxyHarness(List.of(), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_answer_bye.xml", Map.of("HOLD", "1200")), a, "-m", "1")) {
            TrunkCaller.Call call = start(h, trunk(a));
            AttemptReply reply = awaitReply();
            assertEquals(AttemptOutcome.SUCCESS, reply.outcome());
            assertEquals(call.callId(), reply.carrierCallId());
            EventEnvelope ringing = awaitEvent("call.ringing");
            assertEquals("call-1", data(ringing).get("call_id"));
            assertEquals("trunk-a", data(ringing).get("carrier"));
            assertEquals(call.callId(), data(ringing).get("carrier_call_id"));
            assertEquals(200, data(awaitEvent("call.answered")).get("sip_code"));
            EventEnvelope completed = awaitEvent("call.completed");
            assertEquals(1L, ((Number) data(completed).get("duration_s")).longValue(), "held 1.2 s: " + data(completed));
            assertEquals(200, data(completed).get("sip_code"));
            assertTrue(events.stream().noneMatch(e -> e.type().equals("call.failed")), events.toString());
            Thread.sleep(200);
            assertEquals(0, h.caller.active());
        }
    }

    @Test
    void trunk503IsRetryable() throws Exception {
        int a = Sipp.freeUdpPort();
        try (ProxyHarness h = new ProxyHarness(List.of(), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_reply.xml.tmpl",
                     Map.of("CODE", "503", "Q850", "41", "RINGING", "")), a)) {
            start(h, trunk(a));
            AttemptReply reply = awaitReply();
            assertEquals(AttemptOutcome.RETRYABLE_FAILURE, reply.outcome(), reply.toString());
            assertEquals(503, reply.sipCode());
            assertEquals(41, reply.q850Cause());
            assertEquals(ErrorCode.TEL_006, reply.cause());
            EventEnvelope failed = awaitEvent("call.failed");
            assertEquals(503, data(failed).get("sip_code"));
        }
    }

    @Test
    void theTrunksCodecsDtmfModeAndHeadersAreOnTheInvite() throws Exception {
        int a = Sipp.freeUdpPort();
        SipTrunk t = trunk(a).withMedia(List.of("G722", "PCMA"), "rfc2833", Map.of("X-Account", "42"));
        try (ProxyHarness h = new ProxyHarness(List.of(), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_reply.xml.tmpl",
                     Map.of("CODE", "486", "Q850", "17", "RINGING", "")), a)) {
            start(h, t);
            assertEquals(486, awaitReply().sipCode());
        }
        String seen;
        try (var files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("_messages.log")).toList()) {
                all.append(Files.readString(p));
            }
            seen = all.toString();
        }
        assertTrue(seen.contains("X-Account: 42"), seen);
        assertTrue(seen.matches("(?s).*m=audio \\d+ RTP/AVP 9 8 101.*"), seen);
        assertTrue(seen.contains("a=rtpmap:9 G722/8000"), seen);
        assertTrue(seen.contains("a=fmtp:101 0-16"), seen);
        assertTrue(!seen.contains("a=rtpmap:0 PCMU"), "PCMU was not asked for");
    }

    @Test
    void trunk486IsFinalBusy() throws Exception {
        int a = Sipp.freeUdpPort();
        try (ProxyHarness h = new ProxyHarness(List.of(), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_reply.xml.tmpl",
                     Map.of("CODE", "486", "Q850", "17", "RINGING", "")), a)) {
            start(h, trunk(a));
            AttemptReply reply = awaitReply();
            assertEquals(AttemptOutcome.FINAL_FAILURE, reply.outcome(), reply.toString());
            assertEquals(ErrorCode.TEL_202, reply.cause());
            assertEquals(486, reply.sipCode());
            EventEnvelope failed = awaitEvent("call.failed");
            assertEquals("TEL-202", data(failed).get("error_code"));
            assertEquals("busy", data(failed).get("state"));
        }
    }

    @Test
    void digestChallengeIsAnsweredOnce() throws Exception {
        int a = Sipp.freeUdpPort();
        SipTrunk withAuth = trunk(a).withCredentials("trunkuser", "s3cret");
        try (ProxyHarness h = new ProxyHarness(List.of(), 2_000, 0);
             Sipp uas = Sipp.uas(dir, Sipp.scenario(dir, "uas_auth.xml", Map.of()), a)) {
            TrunkCaller.Call call = start(h, withAuth);
            AttemptReply reply = awaitReply();
            assertEquals(AttemptOutcome.SUCCESS, reply.outcome(), reply + logs());
            awaitEvent("call.answered");
            h.context.runOnContext(v -> call.hangup());
            EventEnvelope completed = awaitEvent("call.completed");
            assertNotNull(data(completed).get("duration_s"));
        }
    }

    @Test
    void smsIsRefused() {
        SipTrunk t = trunk(5060);
        assertEquals(null, CarrierAttempt.start(null, request(Service.SMS, t.id()), t, ProxySettings.DEFAULT_RETRY_CODES,
                replies::add, events::add));
        assertEquals(ErrorCode.TEL_009, replies.get(0).cause());
        assertEquals(AttemptOutcome.FINAL_FAILURE, replies.get(0).outcome());
    }
}
