package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.sinch.SinchFixtures.WEBHOOK_BASE;
import static io.switchboard.carrier.sinch.SinchFixtures.webhook;
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
import io.switchboard.carrier.WebhookMapping;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter against its own simulator: requests, answers, webhooks and errors meet. */
class SinchRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final SinchProvider provider = new SinchProvider(clock);
    private final SinchSimulator simulator = new SinchSimulator(clock);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sim = new HashMap<>(simulator.newAccount(random));
    private final CarrierAccount account = SinchFixtures.sandbox(sim, "http://127.0.0.1:4300");

    {
        sim.put(SinchSimRequests.CALLBACK_URL, WEBHOOK_BASE + "/voice");
    }

    private SimCall accept(SimOperation op, boolean message) {
        return CarrierTestSupport.accepted(simulator, random, op, message, T0);
    }

    @Test
    void newAccountHasEveryRequiredCredential() {
        assertTrue(sim.keySet().containsAll(provider.requiredCredentials()));
        assertEquals(16, java.util.Base64.getDecoder().decode(sim.get("application_secret")).length);
    }

    @Test
    void callRoundTripAceToTheCalloutUrlDiceToTheApplicationUrl() {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim);
        assertNull(op.error(), () -> op.error().detail());
        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind());
        assertEquals("+442071838750", op.to());
        assertEquals("call-123", op.reference());
        SimCall call = accept(op, false);
        CarrierHttpResponse accepted = simulator.accepted(call);
        assertEquals(call.id(), provider.acceptedId(accepted, Service.VOICE));

        assertTrue(simulator.callbacks(call, SimEvent.call(CallState.RINGING, 180), sim, T0).isEmpty());
        SimCall answered = call.advance("answered", T0.plusSeconds(4), null);
        InboundWebhook ace = webhook(simulator.callbacks(answered, SimEvent.call(CallState.ANSWERED, 200), sim, T0).get(0));
        assertEquals("/voice/call-123", ace.path());
        WebhookMapping mapping = CarrierTestSupport.mapVerified(provider, account, ace, T0);
        assertEquals(CallState.ANSWERED, mapping.events().get(0).callState());
        assertEquals("call-123", mapping.events().get(0).id());
        assertEquals("{\"action\":{\"name\":\"continue\"}}", mapping.reply().body());

        SimCall ended = answered.advance("completed", null, T0.plusSeconds(64));
        InboundWebhook dice = webhook(simulator.callbacks(ended, SimEvent.call(CallState.COMPLETED, 200), sim, T0).get(0));
        assertEquals("/voice", dice.path());
        CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, dice, T0).events().get(0);
        assertEquals(CallState.COMPLETED, event.callState());
        assertEquals(60, event.durationS());
        assertEquals(call.id(), event.carrierCallId());
        assertEquals("FINAL", json(simulator.fetched(ended).body()).get("status").asText());
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"BUSY", "NO_ANSWER", "CANCELED", "FAILED"})
    void everyFinalStateSinchDistinguishesSurvivesTheWebhook(CallState state) {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim), false)
                .advance(state.wireName(), null, T0);
        InboundWebhook hook = webhook(simulator.callbacks(call, SimEvent.call(state, null), sim, T0).get(0));
        assertEquals(state, CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0).callState());
    }

    @Test
    void rejectedComesBackAsFailedBecauseSinchReportsItSo() {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim), false);
        InboundWebhook hook = webhook(simulator.callbacks(call, SimEvent.call(CallState.REJECTED, 603), sim, T0).get(0));
        assertEquals(CallState.FAILED, provider.map(hook, T0).events().get(0).callState());
    }

    @Test
    void withoutAnApplicationCallbackUrlTheSandboxSendsTheDiceToTheAceUrl() {
        sim.remove(SinchSimRequests.CALLBACK_URL);
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim), false);
        InboundWebhook dice = webhook(simulator.callbacks(call, SimEvent.call(CallState.NO_ANSWER, 480), sim, T0).get(0));
        assertEquals("/voice/call-123", dice.path());
        CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, dice, T0).events().get(0);
        assertEquals(CallState.NO_ANSWER, event.callState());
        assertEquals("call-123", event.id());
    }

    @Test
    void applicationCallbackUrlDefaultsToTheWebhookBase() {
        sim.remove(SinchSimRequests.CALLBACK_URL);
        sim.put(SinchSimRequests.WEBHOOK_BASE_URL, WEBHOOK_BASE);
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim), false);
        CarrierHttpRequest dice = simulator.callbacks(call, SimEvent.call(CallState.BUSY, 486), sim, T0).get(0);
        assertEquals(WEBHOOK_BASE + "/voice", dice.url());
        assertEquals("call-123", provider.map(webhook(dice), T0).events().get(0).id());
    }

    @Test
    void smsRoundTrip() {
        SimOperation op = simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, SinchFixtures.message())), sim);
        assertNull(op.error());
        assertEquals(SimOperation.Kind.SEND_MESSAGE, op.kind());
        assertEquals(WEBHOOK_BASE + "/sms/msg-456", op.callbacks().get("delivery_report"));
        SimCall message = accept(op, true);
        CarrierHttpResponse accepted = simulator.accepted(message);
        assertEquals(201, accepted.status());
        assertEquals(message.id(), provider.acceptedId(accepted, Service.SMS));
        for (MessageState state : MessageState.values()) {
            InboundWebhook hook = webhook(simulator.callbacks(message, SimEvent.message(state), sim, T0).get(0));
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, hook, T0).events().get(0);
            assertEquals(state, event.messageState());
            assertEquals("msg-456", event.id());
        }
    }

    @Test
    void tamperedOrStaleCallbacksAreRefused() {
        SimCall call = accept(simulator.read(CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call())), sim), false);
        CarrierHttpRequest dice = simulator.callbacks(call, SimEvent.call(CallState.BUSY, 486), sim, T0).get(0);
        CarrierHttpRequest tampered = new CarrierHttpRequest("POST", dice.url(), dice.headers(),
                dice.bodyText().replace("BUSY", "ANSWERED").getBytes());
        assertEquals(403, provider.verify(account, webhook(tampered), T0).status());
        assertEquals(403, provider.verify(account, webhook(dice), T0.plusSeconds(400)).status());
        SimCall message = accept(simulator.read(CarrierTestSupport.relative(provider.sendMessage(account, SinchFixtures.message())), sim), true);
        CarrierHttpRequest report = simulator.callbacks(message, SimEvent.message(MessageState.DELIVERED), sim, T0).get(0);
        assertEquals(403, provider.verify(account, webhook(report), T0.plusSeconds(400)).status());
    }

    @Test
    void fetchHangUpAndProbeAreServed() {
        SimOperation fetch = simulator.read(CarrierTestSupport.relative(provider.fetchCall(account, "adf9")), sim);
        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertNull(fetch.error());
        assertEquals("adf9", fetch.carrierId());
        SimOperation hangUp = simulator.read(CarrierTestSupport.relative(provider.hangUp(account, "adf9", CallState.ANSWERED).orElseThrow()), sim);
        assertEquals(SimOperation.Kind.HANG_UP, hangUp.kind());
        assertNull(hangUp.error());
        SimOperation probe = simulator.read(CarrierTestSupport.relative(provider.probe(account)), sim);
        assertEquals(SimOperation.Kind.PROBE, probe.kind());
        assertNull(probe.error());
        assertEquals(sim.get("application_key"), json(simulator.probed(sim).body()).at("/numbers/0/applicationkey").asText());
        assertEquals(204, simulator.hungUp(accept(fetch, false)).status());
    }

    @Test
    void simulatorRefusesLikeSinch() {
        CarrierHttpRequest good = CarrierTestSupport.relative(provider.placeCall(account, SinchFixtures.call()));
        Map<String, String> headers = new LinkedHashMap<>(good.headers());
        headers.put("x-timestamp", T0.minusSeconds(3600).toString());
        assertEquals(SimError.Kind.UNAUTHORIZED, simulator.read(new CarrierHttpRequest("POST", good.url(), headers,
                good.body()), sim).error().kind());
        SimOperation tampered = simulator.read(new CarrierHttpRequest("POST", good.url(), good.headers(),
                good.bodyText().replace("call-123", "call-999").getBytes()), sim);
        assertEquals(SimError.Kind.UNAUTHORIZED, tampered.error().kind());

        Map<String, String> other = new HashMap<>(sim);
        other.put("api_token", "stolen");
        CarrierHttpRequest badToken = CarrierTestSupport.relative(provider.sendMessage(SinchFixtures.sandbox(other, "http://x"),
                SinchFixtures.message()));
        assertEquals(SimError.Kind.UNAUTHORIZED, simulator.read(badToken, sim).error().kind());

        Map<String, String> unsigned = new LinkedHashMap<>(good.headers());
        CarrierHttpRequest invalid = new CarrierHttpRequest("POST", "/calling/v1/callouts", unsigned,
                good.bodyText().replace("+442071838750", "+1555").getBytes());
        unsigned.put("Authorization", SinchApplicationSignature.authorization(sim.get("application_key"),
                sim.get("application_secret"), "POST", invalid.body(), "application/json", unsigned.get("x-timestamp"),
                "/calling/v1/callouts"));
        SimOperation badNumber = simulator.read(new CarrierHttpRequest("POST", invalid.url(), unsigned, invalid.body()), sim);
        assertEquals(SimError.Kind.INVALID_NUMBER, badNumber.error().kind());
        CarrierFailure failure = provider.failure(simulator.error(badNumber.error()), T0);
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertFalse(failure.retryable());
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void everySimulatedErrorIsClassified(SimError.Kind kind) {
        String detail = kind == SimError.Kind.INVALID_NUMBER
                ? "Invalid parameters: destination number '+1555' is not a valid E.164 number" : "Unauthorized";
        CarrierFailure failure = provider.failure(simulator.error(new SimError(kind, detail)), T0);
        assertEquals(kind.status(), failure.httpStatus());
        assertEquals(kind == SimError.Kind.RATE_LIMITED || kind == SimError.Kind.SERVER_ERROR, failure.retryable());
        assertEquals(kind == SimError.Kind.INVALID_NUMBER ? ErrorCode.TEL_001 : ErrorCode.TEL_006, failure.cause());
    }
}
