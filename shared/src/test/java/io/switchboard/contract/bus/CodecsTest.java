package io.switchboard.contract.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.error.ErrorBody;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.ExclusionReason;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every contract record survives the wire form a clustered event bus uses. */
class CodecsTest {

    private static <T> T roundTrip(T value, Class<T> type) {
        RecordCodec<T> codec = new RecordCodec<>(type);
        Buffer wire = Buffer.buffer().appendString("junk-before");
        int pos = wire.length();
        codec.encodeToWire(wire, value);
        return codec.decodeFromWire(pos, wire);
    }

    @Test
    void routingRecordsRoundTrip() {
        E164 to = E164.parse("to", "+442071838750");
        RouteRequest request = new RouteRequest("req-1", Service.VOICE, to, "tenant-1", E164.parse("from", "+14155550100"),
                "telnyx", Set.of("plivo"), new BigDecimal("0.0200"));
        assertEquals(request, roundTrip(request, RouteRequest.class));

        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        RoutePlan plan = new RoutePlan("req-1", Service.VOICE, to,
                List.of(new RoutePlan.Candidate("telnyx", 1, "4420", Money.of("0.0040", "USD"), Money.of("0.004", "USD"), 95,
                        BreakerState.CLOSED, 7, "tier 1; cheapest")),
                List.of(new RoutePlan.ExcludedCandidate("plivo", ExclusionReason.TENANT_POLICY, "avoided")), now, 12);
        assertEquals(plan, roundTrip(plan, RoutePlan.class));

        Attempt attempt = new Attempt("a-1", "call-1", "telnyx", 1, now, now.plusMillis(300), AttemptOutcome.RETRYABLE_FAILURE,
                ErrorCode.TEL_006, 503, 41, "503", null, null);
        RouteResult result = new RouteResult(plan, List.of(attempt), null, null,
                ErrorBody.of(ErrorCode.TEL_006, "every carrier failed", Map.of("attempts", 1)).error());
        RouteResult back = roundTrip(result, RouteResult.class);
        assertEquals(result.plan(), back.plan());
        assertEquals(result.attempts(), back.attempts());
        assertEquals("TEL-006", back.error().code());

        AttemptRequest ask = new AttemptRequest("req-1", "call-1", 1, Service.VOICE, to, null, null, "telnyx", "4420", 7, 5000, null);
        assertEquals(ask, roundTrip(ask, AttemptRequest.class));
        AttemptReply reply = new AttemptReply(AttemptOutcome.FINAL_FAILURE, null, ErrorCode.TEL_202, 486, 17, "busy", "Busy Here");
        assertEquals(reply, roundTrip(reply, AttemptReply.class));
        DeckPublished published = new DeckPublished(3, "telnyx", "voice", 31_392);
        assertEquals(published, roundTrip(published, DeckPublished.class));
        CarrierStatusReport status = new CarrierStatusReport("telnyx", 45, true, false, BreakerState.HALF_OPEN, 12);
        assertEquals(status, roundTrip(status, CarrierStatusReport.class));
    }

    @Test
    void nodeRecordsRoundTrip() {
        NodeStatus status = new NodeStatus("n1", "hz-1", "0.1.0", "17.0.15", List.of(Role.ROUTER, Role.HTTP_API),
                Instant.parse("2026-11-21T12:00:00Z"), true, 2);
        assertEquals(status, roundTrip(status, NodeStatus.class));
        RoleStatus role = new RoleStatus(Role.CDR_WRITER, "n1", Instant.parse("2026-11-21T12:00:00Z"), 4);
        assertEquals(role, roundTrip(role, RoleStatus.class));
    }

    @Test
    void badWireDataFailsLoudly() {
        RecordCodec<DeckPublished> codec = new RecordCodec<>(DeckPublished.class);
        Buffer wire = Buffer.buffer();
        byte[] json = "{\"deck_id\":1,\"unknown_field\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        wire.appendInt(json.length).appendBytes(json);
        assertThrows(java.io.UncheckedIOException.class, () -> codec.decodeFromWire(0, wire));
    }

    @Test
    void everyRecordHasADefaultCodecOnTheBus() {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.eventBus().consumer("t", m -> m.reply(m.body()));
            DeckPublished sent = new DeckPublished(1, "a", "voice", 1);
            Object got = vertx.eventBus().request("t", sent).await().body();
            assertEquals(sent, got);
            assertTrue(Codecs.RECORDS.contains(RouteResult.class));
        } finally {
            vertx.close().await();
        }
    }
}
