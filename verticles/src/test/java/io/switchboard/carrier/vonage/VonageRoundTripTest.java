package io.switchboard.carrier.vonage;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.vonage.VonageFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.vonage.VonageFixtures.webhook;
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
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter against its own simulator: requests, answers, webhooks and errors meet. */
class VonageRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final VonageProvider provider = new VonageProvider(clock);
    private final VonageSimulator simulator = new VonageSimulator(clock);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sim = VonageFixtures.CREDENTIALS;
    private final CarrierAccount account = VonageFixtures.sandbox(sim, "http://127.0.0.1:4200");

    private SimCall accept(SimOperation op, boolean message) {
        return CarrierTestSupport.accepted(simulator, random, op, message, T0);
    }

    @Test
    void newAccountIsAnApplicationWithAFreshKeyPair() {
        Map<String, String> other = simulator.newAccount(random);
        assertTrue(other.keySet().containsAll(provider.requiredCredentials()));
        assertTrue(other.get("private_key").startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(other.get("public_key").startsWith("-----BEGIN PUBLIC KEY-----"));
        assertFalse(other.get("private_key").equals(sim.get("private_key")));
        assertEquals(8, other.get("api_key").length());
        // a JWT signed with another application's key is refused
        SimOperation foreign = simulator.read(CarrierTestSupport.relative(provider.placeCall(VonageFixtures.sandbox(other, "http://x"),
                VonageFixtures.call())), sim);
        assertEquals(SimError.Kind.UNAUTHORIZED, foreign.error().kind());
    }

    @Test
    void callRoundTrip() {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.placeCall(account, VonageFixtures.call())), sim);
        assertNull(op.error());
        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind());
        assertEquals("+442071838750", op.to());
        assertEquals("+14155550100", op.from());
        assertEquals(WEBHOOK_BASE + "/voice/call-123", op.callbacks().get("event"));

        SimCall call = accept(op, false);
        CarrierHttpResponse accepted = simulator.accepted(call);
        assertEquals(201, accepted.status());
        assertEquals("started", json(accepted.body()).get("status").asText());
        assertEquals(call.id(), provider.acceptedId(accepted, Service.VOICE));

        SimCall current = call;
        for (CallState state : new CallState[] {CallState.INITIATED, CallState.RINGING, CallState.ANSWERED,
            CallState.COMPLETED}) {
            current = current.advance(state.wireName(), state == CallState.ANSWERED ? T0.plusSeconds(3) : null,
                    state == CallState.COMPLETED ? T0.plusSeconds(45) : null);
            List<CarrierHttpRequest> hooks = simulator.callbacks(current, SimEvent.call(state, 200), sim, T0);
            InboundWebhook hook = webhook(hooks.get(0));
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0);
            assertEquals(state, event.callState());
            assertEquals("call-123", event.id());
            assertEquals(call.id(), event.carrierCallId());
            if (state == CallState.COMPLETED) {
                assertEquals(42, event.durationS());
            }
        }
        assertEquals("completed", json(simulator.fetched(current).body()).get("status").asText());
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"BUSY", "NO_ANSWER", "CANCELED", "REJECTED", "FAILED"})
    void everyFinalStateSurvivesTheWebhook(CallState state) {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, VonageFixtures.call())), sim), false)
                .advance(state.wireName(), null, T0);
        InboundWebhook hook = webhook(simulator.callbacks(call, SimEvent.call(state, 480), sim, T0).get(0));
        CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0);
        assertEquals(state, event.callState());
        assertEquals(480, event.sipCode());
    }

    @Test
    void tamperedEventIsRefused() {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, VonageFixtures.call())), sim), false);
        CarrierHttpRequest hook = simulator.callbacks(call, SimEvent.call(CallState.ANSWERED, 200), sim, T0).get(0);
        CarrierHttpRequest tampered = new CarrierHttpRequest(hook.method(), hook.url(), hook.headers(),
                hook.bodyText().replace("answered", "completed").getBytes());
        assertEquals(403, provider.verify(account, webhook(tampered), T0).status());
        assertEquals(403, provider.verify(account, webhook(hook), T0.plusSeconds(600)).status());
    }

    @Test
    void smsRoundTrip() {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, VonageFixtures.message())), sim);
        assertNull(op.error());
        assertEquals(SimOperation.Kind.SEND_MESSAGE, op.kind());
        assertEquals("+442071838750", op.to());
        assertEquals("msg-456", op.reference());
        SimCall message = accept(op, true);
        CarrierHttpResponse accepted = simulator.accepted(message);
        assertEquals(message.id(), provider.acceptedId(accepted, Service.SMS));
        assertTrue(provider.refusal(accepted, Service.SMS, T0).isEmpty());

        assertTrue(simulator.callbacks(message, SimEvent.message(MessageState.QUEUED), sim, T0).isEmpty());
        for (MessageState state : new MessageState[] {MessageState.SENT, MessageState.DELIVERED, MessageState.FAILED}) {
            InboundWebhook hook = webhook(simulator.callbacks(message, SimEvent.message(state), sim, T0).get(0));
            assertEquals("/sms/msg-456", hook.path());
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0);
            assertEquals(state, event.messageState());
            assertEquals("msg-456", event.id());
            assertEquals(message.id(), event.carrierCallId());
        }
    }

    @Test
    void fetchHangUpAndProbeAreServed() {
        SimOperation fetch = simulator.read(CarrierTestSupport.relative(provider.fetchCall(account, "63f6")), sim);
        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals("63f6", fetch.carrierId());
        SimOperation hangUp = simulator.read(CarrierTestSupport.relative(provider.hangUp(account, "63f6", CallState.RINGING).orElseThrow()), sim);
        assertEquals(SimOperation.Kind.HANG_UP, hangUp.kind());
        assertNull(hangUp.error());
        SimOperation probe = simulator.read(CarrierTestSupport.relative(provider.probe(account)), sim);
        assertEquals(SimOperation.Kind.PROBE, probe.kind());
        assertNull(probe.error());
        assertEquals(0, json(simulator.probed(sim).body()).get("count").asInt());
        assertEquals(204, simulator.hungUp(accept(fetch, false)).status());
    }

    @Test
    void simulatorRefusesLikeVonage() {
        CarrierHttpRequest good = CarrierTestSupport.relative(provider.placeCall(account, VonageFixtures.call()));
        Map<String, String> headers = new LinkedHashMap<>(good.headers());
        headers.remove("Authorization");
        assertEquals(SimError.Kind.UNAUTHORIZED, simulator.read(new CarrierHttpRequest("POST", good.url(), headers,
                good.body()), sim).error().kind());

        SimOperation noEvent = simulator.read(new CarrierHttpRequest("POST", good.url(), good.headers(),
                good.bodyText().replaceFirst(",\"event_url\":\\[[^]]*]", "").getBytes()), sim);
        assertEquals(SimError.Kind.INVALID_REQUEST, noEvent.error().kind());
        assertTrue(noEvent.error().detail().contains("event_url"));

        SimOperation badNumber = simulator.read(new CarrierHttpRequest("POST", good.url(), good.headers(),
                good.bodyText().replace("442071838750", "1555").getBytes()), sim);
        assertEquals(SimError.Kind.INVALID_NUMBER, badNumber.error().kind());
        CarrierFailure failure = provider.failure(simulator.error(badNumber.error()), T0);
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertFalse(failure.retryable());

        CarrierHttpRequest sms = CarrierTestSupport.relative(provider.sendMessage(account, VonageFixtures.message()));
        SimOperation badKey = simulator.read(new CarrierHttpRequest("POST", sms.url(), sms.headers(),
                sms.bodyText().replace("api_secret=" + sim.get("api_secret"), "api_secret=wrong").getBytes()), sim);
        assertEquals(SimError.Kind.UNAUTHORIZED, badKey.error().kind());
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void everySimulatedErrorIsClassified(SimError.Kind kind) {
        CarrierFailure failure = provider.failure(simulator.error(new SimError(kind, "detail")), T0);
        assertEquals(kind.status(), failure.httpStatus());
        assertEquals(kind == SimError.Kind.RATE_LIMITED || kind == SimError.Kind.SERVER_ERROR, failure.retryable());
        assertEquals(kind == SimError.Kind.INVALID_NUMBER ? ErrorCode.TEL_001 : ErrorCode.TEL_006, failure.cause());
    }

    @Test
    void webhookOfAnotherSignatureSecretIsRefused() {
        Map<String, String> other = new HashMap<>(sim);
        other.put("signature_secret", "0123456789abcdef0123456789abcdef0123456789abcdef");
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, VonageFixtures.call())), sim), false);
        assertEquals(403, provider.verify(account, webhook(simulator.callbacks(call,
                SimEvent.call(CallState.ANSWERED, 200), other, T0).get(0)), T0).status());
        SimCall message = accept(simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, VonageFixtures.message())), sim), true);
        assertEquals(403, provider.verify(account, webhook(simulator.callbacks(message,
                SimEvent.message(MessageState.DELIVERED), other, T0).get(0)), T0).status());
    }
}
