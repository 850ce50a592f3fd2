package io.switchboard.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.Service;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call state machine applied to carrier reports, and the exact pricing of finished records. */
class CallTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static CallRecord call(String state, String carrier) {
        return new CallRecord("c1", "t1", Service.VOICE, "outbound", "+442079460000", "+442071838750", null, null, false,
                null, null, null, null, null, state, carrier, carrier == null ? null : "CA1", 7L, "44",
                Money.of("0.0050", "USD"), Money.of("0.0100", "USD"), new BillingIncrement(6, 6), T0, null, null, T0,
                null, null, null, null, null, null, null, List.of());
    }

    private static EventEnvelope report(String carrier, String state, Integer duration) {
        return report(carrier, "CA1", state, duration);
    }

    private static EventEnvelope report(String carrier, String carrierCallId, String state, Integer duration) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call_id", "c1");
        data.put("carrier", carrier);
        data.put("carrier_call_id", carrierCallId);
        data.put("state", state);
        data.put("raw_status", state);
        if (duration != null) {
            data.put("duration_s", duration);
        }
        return EventEnvelope.of("call." + state, T0.plusSeconds(5), null, data);
    }

    @Test
    void forwardReportsMoveTheCallAndFinalOnesEndIt() {
        CallRecord ringing = CallTransitions.apply(call("initiated", "twilio"), report("twilio", "ringing", null), T0)
                .orElseThrow();
        assertEquals("ringing", ringing.state());
        CallRecord answered = CallTransitions.apply(ringing, report("twilio", "answered", null), T0).orElseThrow();
        assertEquals(T0.plusSeconds(5), answered.answeredAt());
        CallRecord completed = CallTransitions.apply(answered, report("twilio", "completed", 61), T0).orElseThrow();
        assertEquals(61, completed.durationS());
        assertTrue(completed.finished());
    }

    @Test
    void repeatsLateReportsAndOtherCarriersReportsChangeNothing() {
        CallRecord ringing = CallTransitions.apply(call("initiated", "twilio"), report("twilio", "ringing", null), T0)
                .orElseThrow();
        assertTrue(CallTransitions.apply(ringing, report("twilio", "ringing", null), T0).isEmpty(), "a repeat");
        assertTrue(CallTransitions.apply(ringing, report("twilio", "initiated", null), T0).isEmpty(), "backwards");
        assertTrue(CallTransitions.apply(ringing, report("telnyx", "failed", null), T0).isEmpty(),
                "a failed-over carrier's late report does not end the call another carrier carries");
        CallRecord busy = CallTransitions.apply(ringing, report("twilio", "busy", null), T0).orElseThrow();
        assertTrue(CallTransitions.apply(busy, report("twilio", "completed", 3), T0).isEmpty(), "final is final");
        assertTrue(CallTransitions.apply(call("initiated", "twilio"), report("twilio", "warp", null), T0).isEmpty(),
                "an unknown state word");
    }

    @Test
    void aFailedAttemptReportedWhileRoutingDoesNotEndTheCall() {
        // the SIP edge reports the attempt it gave up (no response) while the router fails over
        assertTrue(CallTransitions.apply(call("queued", null), report("wholesale-b", "failed", null), T0).isEmpty(),
                "the router decides while the call is routed");
        CallRecord ringing = CallTransitions.apply(call("queued", null), report("wholesale-a", "ringing", null), T0)
                .orElseThrow();
        assertEquals("ringing", ringing.state(), "progress of the carrier being tried is applied");
    }

    @Test
    void theCarrierMayNameTheCallAnewBeforeTheAnswerOnly() {
        // Plivo: accepted with its request_uuid (CA1 here); its callbacks carry the CallUUID
        CallRecord ringing = CallTransitions.apply(call("initiated", "plivo"), report("plivo", "uuid-2", "ringing", null), T0)
                .orElseThrow();
        assertEquals("ringing", ringing.state());
        assertEquals("uuid-2", ringing.carrierCallId(), "the record takes the carrier's new id");
        CallRecord answered = CallTransitions.apply(ringing, report("plivo", "uuid-2", "answered", null), T0).orElseThrow();
        assertTrue(CallTransitions.apply(answered, report("plivo", "uuid-9", "completed", 3), T0).isEmpty(),
                "after the answer another id is another call");
        assertTrue(CallTransitions.apply(call("initiated", "plivo"), report("telnyx", "uuid-2", "ringing", null), T0).isEmpty(),
                "another carrier never renames the call");
        assertEquals(3, CallTransitions.apply(answered, report("plivo", "uuid-2", "completed", 3), T0).orElseThrow()
                .durationS());
    }

    @Test
    void pricingRoundsByTheIncrementAndChargesTheConnectFeeOnlyWhenAnswered() {
        CallRecord answered = call("completed", "twilio").toBuilder().duration(61, null).build();
        CallRecord priced = CallPricing.price(answered, "USD");
        assertEquals(66, priced.billedSeconds(), "61 s at 6/6 bills 66 s");
        assertEquals(0, new java.math.BigDecimal("0.015500").compareTo(priced.cost().amount()),
                "0.0100 + 0.0050 x 66/60 = 0.0155: " + priced.cost());
        CallRecord unanswered = CallPricing.price(call("busy", "twilio").toBuilder().duration(0, null).build(), "USD");
        assertEquals(0, unanswered.cost().amount().signum());
        assertEquals(0, unanswered.billedSeconds());
        CallRecord unrouted = CallPricing.price(call("failed", null).toBuilder()
                .pricing(null, null, null, null, null).build(), "EUR");
        assertEquals("EUR", unrouted.cost().currency().getCurrencyCode());
    }
}
