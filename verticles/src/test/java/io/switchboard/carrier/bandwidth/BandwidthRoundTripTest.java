package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.bandwidth.BandwidthFixtures.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter against its own simulator: requests, answers, webhooks and errors meet. */
class BandwidthRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final BandwidthProvider provider = new BandwidthProvider();
    private final BandwidthSimulator simulator = new BandwidthSimulator();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sim = new HashMap<>(simulator.newAccount(random));
    private final CarrierAccount account = BandwidthFixtures.account(sim, "http://127.0.0.1:4100");

    private SimCall accept(SimOperation op, boolean message) {
        return CarrierTestSupport.accepted(simulator, random, op, message, T0);
    }

    @Test
    void newAccountHasEveryRequiredCredential() {
        assertTrue(sim.keySet().containsAll(provider.requiredCredentials()));
        assertTrue(sim.get("account_id").matches("\\d{7}"));
    }

    @Test
    void callRoundTrip() {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.placeCall(account, BandwidthFixtures.call())), sim);
        assertNull(op.error());
        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind());
        assertEquals("+442071838750", op.to());
        assertEquals("call-123", op.reference());
        assertEquals(WEBHOOK_BASE + "/voice/call-123/answer?pause=60", op.callbacks().get("answer"));

        SimCall call = accept(op, false);
        CarrierHttpResponse accepted = simulator.accepted(call);
        assertEquals(201, accepted.status());
        assertEquals(call.id(), provider.acceptedId(accepted, Service.VOICE));

        SimCall answered = call.advance("answered", T0.plusSeconds(5), null);
        List<CarrierHttpRequest> answer = simulator.callbacks(answered, SimEvent.call(CallState.ANSWERED, 200), sim,
                T0.plusSeconds(5));
        assertEquals(1, answer.size());
        InboundWebhook hook = webhook(answer.get(0));
        WebhookMapping mapping = CarrierTestSupport.mapVerified(provider, account, hook, T0.plusSeconds(5));
        assertEquals(CallState.ANSWERED, mapping.events().get(0).callState());
        assertEquals("call-123", mapping.events().get(0).id());
        assertTrue(mapping.reply().body().contains("<Pause duration=\"60\"/>"));

        SimCall ended = answered.advance("completed", null, T0.plusSeconds(35));
        CarrierHttpRequest disconnect = simulator.callbacks(ended, SimEvent.call(CallState.COMPLETED, 200), sim,
                T0.plusSeconds(35)).get(0);
        CarrierEvent event = provider.map(webhook(disconnect), T0.plusSeconds(35)).events().get(0);
        assertEquals(CallState.COMPLETED, event.callState());
        assertEquals(30, event.durationS());
        assertEquals(call.id(), event.carrierCallId());
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"BUSY", "NO_ANSWER", "CANCELED", "REJECTED", "FAILED"})
    void everyFinalStateSurvivesTheWebhook(CallState state) {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.placeCall(account, BandwidthFixtures.call())), sim);
        SimCall call = accept(op, false).advance(state.wireName(), null, T0.plusSeconds(20));
        List<CarrierHttpRequest> hooks = simulator.callbacks(call, SimEvent.call(state, 486), sim, T0.plusSeconds(20));
        InboundWebhook hook = webhook(hooks.get(0));
        assertTrue(provider.verify(account, hook, T0.plusSeconds(20)).accepted());
        CarrierEvent event = provider.map(hook, T0).events().get(0);
        assertEquals(state, event.callState());
        assertEquals("call-123", event.id());
        assertEquals(486, event.sipCode());
    }

    @Test
    void noWebhookForProgressBandwidthDoesNotReport() {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, BandwidthFixtures.call())), sim), false);
        assertTrue(simulator.callbacks(call, SimEvent.call(CallState.RINGING, 180), sim, T0).isEmpty());
    }

    @Test
    void webhookWithAnotherAccountsCredentialsIsRefused() {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, BandwidthFixtures.call())), sim), false);
        Map<String, String> other = new HashMap<>(sim);
        other.put("webhook_password", "not-ours");
        CarrierHttpRequest forged = simulator.callbacks(call, SimEvent.call(CallState.ANSWERED, 200), other, T0).get(0);
        assertEquals(403, provider.verify(account, webhook(forged), T0).status());
    }

    @Test
    void messageRoundTripThroughTheApplicationCallbackUrl() {
        sim.put(BandwidthSimRequests.MESSAGING_CALLBACK_URL, WEBHOOK_BASE + "/sms");
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, BandwidthFixtures.message())), sim);
        assertNull(op.error());
        assertEquals(SimOperation.Kind.SEND_MESSAGE, op.kind());
        assertEquals("Hello", op.text());
        SimCall message = accept(op, true);
        CarrierHttpResponse accepted = simulator.accepted(message);
        assertEquals(202, accepted.status());
        assertEquals(message.id(), provider.acceptedId(accepted, Service.SMS));

        for (MessageState state : new MessageState[] {MessageState.SENT, MessageState.DELIVERED, MessageState.FAILED}) {
            InboundWebhook hook = webhook(simulator.callbacks(message.advance(state.wireName(), null, null),
                    SimEvent.message(state), sim, T0).get(0));
            assertEquals("/sms", hook.path());
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0);
            assertEquals(state, event.messageState());
            assertEquals("msg-456", event.id());
        }
    }

    @Test
    void messagingCallbackUrlDefaultsToTheWebhookBaseAndOtherwiseNoneAreSent() {
        SimCall unknown = accept(simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, BandwidthFixtures.message())), sim),
                true);
        assertTrue(simulator.callbacks(unknown, SimEvent.message(MessageState.DELIVERED), sim, T0).isEmpty());
        sim.put(BandwidthSimRequests.WEBHOOK_BASE_URL, WEBHOOK_BASE);
        SimCall message = accept(simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, BandwidthFixtures.message())), sim),
                true);
        CarrierHttpRequest hook = simulator.callbacks(message, SimEvent.message(MessageState.DELIVERED), sim, T0).get(0);
        assertEquals(WEBHOOK_BASE + "/sms", hook.url());
        assertEquals("msg-456", provider.map(webhook(hook), T0).events().get(0).id());
    }

    @Test
    void fetchHangUpAndProbeAreServed() {
        SimOperation fetch = simulator.read(CarrierTestSupport.relative(provider.fetchCall(account, "c-1")), sim);
        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals("c-1", fetch.carrierId());
        SimOperation hangUp = simulator.read(CarrierTestSupport.relative(provider.hangUp(account, "c-1", CallState.ANSWERED).orElseThrow()), sim);
        assertEquals(SimOperation.Kind.HANG_UP, hangUp.kind());
        assertNull(hangUp.error());
        assertEquals(SimOperation.Kind.PROBE, simulator.read(CarrierTestSupport.relative(provider.probe(account)), sim).kind());
        assertEquals(200, simulator.probed(sim).status());

        SimCall call = new SimCall("c-1", false, "+442071838750", "+14155550100", null, Map.of(), "call-123",
                "busy", T0, null, T0.plusSeconds(9));
        CarrierHttpResponse fetched = simulator.fetched(call);
        assertEquals("disconnected", json(fetched.body()).get("state").asText());
        assertEquals("busy", json(fetched.body()).get("disconnectCause").asText());
        assertEquals(200, simulator.hungUp(call).status());
    }

    @Test
    void simulatorRefusesLikeBandwidth() {
        CarrierHttpRequest good = CarrierTestSupport.relative(provider.placeCall(account, BandwidthFixtures.call()));
        Map<String, String> headers = new LinkedHashMap<>(good.headers());
        headers.put("Authorization", Signing.basic(sim.get("username"), "wrong"));
        SimOperation badAuth = simulator.read(new CarrierHttpRequest("POST", good.url(), headers, good.body()), sim);
        assertEquals(SimError.Kind.UNAUTHORIZED, badAuth.error().kind());

        String missing = good.bodyText().replaceFirst("\"applicationId\":\"[^\"]+\",", "");
        SimOperation noApp = simulator.read(new CarrierHttpRequest("POST", good.url(), good.headers(),
                missing.getBytes()), sim);
        assertEquals(SimError.Kind.INVALID_REQUEST, noApp.error().kind());
        assertTrue(noApp.error().detail().contains("applicationId"));

        var invalid = new io.switchboard.carrier.OutboundCall("call-9", 1, E164.parse("+442071838750"),
                E164.parse("+14155550100"), null, 30, false);
        String badTo = CarrierTestSupport.relative(provider.placeCall(account, invalid)).bodyText().replace("+442071838750", "+1555");
        SimOperation badNumber = simulator.read(new CarrierHttpRequest("POST", good.url(), good.headers(),
                badTo.getBytes()), sim);
        assertEquals(SimError.Kind.INVALID_NUMBER, badNumber.error().kind());
        CarrierFailure failure = provider.failure(simulator.error(badNumber.error()), T0);
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());

        assertEquals(SimOperation.Kind.UNKNOWN, simulator.read(new CarrierHttpRequest("DELETE",
                "/api/v2/accounts/1/calls", Map.of(), null), sim).kind());
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void everySimulatedErrorIsClassified(SimError.Kind kind) {
        String detail = kind == SimError.Kind.INVALID_NUMBER
                ? "Invalid to: '+1555' must be replaced with a valid E164 formatted telephone number"
                : "Missing required field: answerUrl";
        CarrierFailure failure = provider.failure(simulator.error(new SimError(kind, detail)), T0);
        assertEquals(kind.status(), failure.httpStatus());
        assertEquals(kind == SimError.Kind.RATE_LIMITED || kind == SimError.Kind.SERVER_ERROR, failure.retryable());
        assertEquals(kind == SimError.Kind.INVALID_NUMBER ? ErrorCode.TEL_001 : ErrorCode.TEL_006, failure.cause());
        assertEquals(detail, failure.message());
    }
}
