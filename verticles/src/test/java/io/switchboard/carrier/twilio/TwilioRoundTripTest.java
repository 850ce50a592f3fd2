package io.switchboard.carrier.twilio;

import static io.switchboard.carrier.twilio.TwilioFixtures.CALL_ID;
import static io.switchboard.carrier.twilio.TwilioFixtures.MESSAGE_ID;
import static io.switchboard.carrier.twilio.TwilioFixtures.WEBHOOKS;
import static io.switchboard.carrier.twilio.TwilioFixtures.inbound;
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
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Service;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** TwilioProvider against TwilioSimulator: requests read, responses parsed, webhooks verified and mapped. */
class TwilioRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final TwilioProvider twilio = new TwilioProvider();
    private final ProviderSimulator sim = twilio.simulator();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> credentials = sim.newAccount(random);
    private final CarrierAccount account = new CarrierAccount("twilio-sandbox", "twilio", "http://127.0.0.1:43817",
            credentials, sim.accountSettings(), WEBHOOKS);

    @Test
    void newAccountAndIdsHaveTwilioShapes() {
        assertTrue(credentials.get("account_sid").matches("AC[0-9a-f]{32}"));
        assertTrue(credentials.get("auth_token").matches("[0-9a-f]{32}"));
        assertTrue(sim.newId(random, false).matches("CA[0-9a-f]{32}"));
        assertTrue(sim.newId(random, true).matches("SM[0-9a-f]{32}"));
        assertTrue(twilio.requiredCredentials().containsAll(credentials.keySet()));
    }

    @Test
    void placedCallIsReadAcceptedAndReportedBack() {
        SimOperation op = sim.read(CarrierTestSupport.relative(twilio.placeCall(account, TwilioFixtures.call())), credentials);

        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind());
        assertNull(op.error());
        assertEquals("+14155550100", op.to());
        assertEquals("+16502530000", op.from());
        assertEquals(Map.of("status", WEBHOOKS + "/voice/" + CALL_ID), op.callbacks());

        SimCall call = accept(op, false);
        CarrierHttpResponse accepted = sim.accepted(call);
        assertEquals(201, accepted.status());
        assertEquals(call.id(), twilio.acceptedId(accepted, Service.VOICE));

        assertTrue(sim.callbacks(call, SimEvent.call(CallState.QUEUED, null), credentials, T0).isEmpty(),
                "queued is no StatusCallbackEvent");
        call = call.advance("initiated", null, null);
        assertEquals(CallState.INITIATED, reported(call, SimEvent.call(CallState.INITIATED, null)).callState());
        call = call.advance("ringing", null, null);
        assertEquals(CallState.RINGING, reported(call, SimEvent.call(CallState.RINGING, null)).callState());
        call = call.advance("answered", T0.plusSeconds(5), null);
        assertEquals(CallState.ANSWERED, reported(call, SimEvent.call(CallState.ANSWERED, null)).callState());
        call = call.advance("completed", null, T0.plusSeconds(47));
        CarrierEvent completed = reported(call, SimEvent.call(CallState.COMPLETED, 200));
        assertEquals(CallState.COMPLETED, completed.callState());
        assertEquals(42, completed.durationS());
        assertEquals(200, completed.sipCode());
        assertEquals(T0.plusSeconds(47), completed.occurredAt());
        assertEquals("completed", new JsonObject(sim.fetched(call).bodyText()).getString("status"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({"BUSY,486,BUSY", "NO_ANSWER,480,NO_ANSWER", "CANCELED,487,CANCELED", "REJECTED,603,REJECTED",
        "FAILED,503,FAILED"})
    void unansweredEndingsMapBackToTheSameState(CallState state, int sip, CallState expected) {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(twilio.placeCall(account, TwilioFixtures.call())), credentials), false)
                .advance(state.wireName(), null, T0.plusSeconds(20));

        CarrierEvent event = reported(call, SimEvent.call(state, sip));

        assertEquals(expected, event.callState());
        assertEquals(sip, event.sipCode());
        assertEquals(0, event.durationS());
    }

    @Test
    void redeliveredCallbackHasTheSameDedupeKey() {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(twilio.placeCall(account, TwilioFixtures.call())), credentials), false)
                .advance("ringing", null, null);

        CarrierEvent first = reported(call, SimEvent.call(CallState.RINGING, null));
        CarrierEvent again = reported(call, SimEvent.call(CallState.RINGING, null));

        assertEquals(first.dedupeKey(), again.dedupeKey());
    }

    @Test
    void sentMessageIsReadAcceptedAndReportedBack() {
        SimOperation op = sim.read(CarrierTestSupport.relative(twilio.sendMessage(account, TwilioFixtures.message())), credentials);

        assertEquals(SimOperation.Kind.SEND_MESSAGE, op.kind());
        assertEquals("Your code is 123456 & ok", op.text());
        assertEquals(Map.of("status", WEBHOOKS + "/sms/" + MESSAGE_ID), op.callbacks());
        SimCall message = accept(op, true);
        assertEquals(message.id(), twilio.acceptedId(sim.accepted(message), Service.SMS));

        for (MessageState state : MessageState.values()) {
            CarrierEvent event = reported(message.advance(state.wireName(), null, null), SimEvent.message(state));
            assertEquals(state, event.messageState());
            assertEquals(MESSAGE_ID, event.id());
            assertEquals(state == MessageState.FAILED ? "30003" : null, event.carrierCode());
        }
    }

    @Test
    void fetchHangUpAndProbeAreServed() {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(twilio.placeCall(account, TwilioFixtures.call())), credentials), false)
                .advance("answered", T0, null);

        SimOperation fetch = sim.read(CarrierTestSupport.relative(twilio.fetchCall(account, call.id())), credentials);
        SimOperation hangUp = sim.read(CarrierTestSupport.relative(twilio.hangUp(account, call.id(), CallState.ANSWERED).orElseThrow()),
                credentials);
        SimOperation probe = sim.read(CarrierTestSupport.relative(twilio.probe(account)), credentials);

        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals(call.id(), fetch.carrierId());
        assertEquals("in-progress", new JsonObject(sim.fetched(call).bodyText()).getString("status"));
        assertEquals(SimOperation.Kind.HANG_UP, hangUp.kind());
        assertEquals(call.id(), hangUp.carrierId());
        assertEquals("completed", new JsonObject(sim.hungUp(call.advance("completed", null, T0.plusSeconds(9)))
                .bodyText()).getString("status"));
        assertEquals(SimOperation.Kind.PROBE, probe.kind());
        assertNull(probe.error());
        CarrierHttpResponse probed = sim.probed(credentials);
        assertEquals(200, probed.status());
        assertEquals(credentials.get("account_sid"), new JsonObject(probed.bodyText()).getString("sid"));
    }

    @Test
    void wrongCredentialsAreUnauthorized() {
        Map<String, String> other = new HashMap<>(credentials);
        other.put("auth_token", "ffffffffffffffffffffffffffffffff");
        CarrierAccount wrong = new CarrierAccount("t", "twilio", "http://h", other, Map.of(), WEBHOOKS);

        SimOperation op = sim.read(CarrierTestSupport.relative(twilio.placeCall(wrong, TwilioFixtures.call())), credentials);

        assertEquals(SimError.Kind.UNAUTHORIZED, op.error().kind());
        CarrierFailure failure = twilio.failure(sim.error(op.error()), T0);
        assertFalse(failure.retryable());
        assertEquals(401, failure.httpStatus());
        assertEquals("20003", failure.carrierCode());
    }

    @Test
    void missingFieldIsAnInvalidRequestNamingIt() {
        CarrierHttpRequest placed = twilio.placeCall(account, TwilioFixtures.call());
        FormBody withoutTo = CarrierTestSupport.formWith(TwilioFixtures.form(placed), "To", null);

        SimOperation op = sim.read(CarrierTestSupport.relative(withBody(placed, withoutTo)), credentials);

        assertEquals(SimError.Kind.INVALID_REQUEST, op.error().kind());
        assertTrue(op.error().detail().contains("To"), op.error().detail());
    }

    @Test
    void numberThatIsNotE164IsAnInvalidNumberAndFinalTel001() {
        CarrierHttpRequest placed = twilio.placeCall(account, TwilioFixtures.call());
        FormBody badTo = CarrierTestSupport.formWith(TwilioFixtures.form(placed), "To", "4155550100");

        SimOperation op = sim.read(CarrierTestSupport.relative(withBody(placed, badTo)), credentials);
        CarrierFailure failure = twilio.failure(sim.error(op.error()), T0);

        assertEquals(SimError.Kind.INVALID_NUMBER, op.error().kind());
        assertFalse(failure.retryable());
        assertEquals(ErrorCode.TEL_001, failure.cause());
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void everySimulatedErrorIsClassified(SimError.Kind kind) {
        CarrierFailure failure = CarrierTestSupport.simulatedFailure(twilio, sim, kind, 2, T0);

        assertEquals(kind == SimError.Kind.INVALID_NUMBER ? ErrorCode.TEL_001 : ErrorCode.TEL_006, failure.cause());
        assertEquals(kind == SimError.Kind.RATE_LIMITED ? Long.valueOf(2_000) : null, failure.retryAfterMs());
    }

    @Test
    void unknownEndpointIsRefused() {
        SimOperation op = sim.read(new CarrierHttpRequest("DELETE", "/2010-04-01/Accounts/"
                + credentials.get("account_sid") + "/Calls/CA1.json", Map.of(), null), credentials);

        assertEquals(SimOperation.Kind.UNKNOWN, op.kind());
        assertEquals(SimError.Kind.NOT_FOUND, op.error().kind());
    }

    /** @return the single webhook the simulator sends for the step, verified and mapped */
    private CarrierEvent reported(SimCall call, SimEvent event) {
        CarrierHttpRequest callback = CarrierTestSupport.onlyCallback(sim.callbacks(call, event, credentials,
                call.endedAt() != null ? call.endedAt() : T0));
        assertEquals(call.callbacks().get("status"), callback.url());
        return CarrierTestSupport.onlyEvent(CarrierTestSupport.mapVerified(twilio, account, inbound(callback), T0),
                call.message() ? MESSAGE_ID : CALL_ID, call);
    }

    private SimCall accept(SimOperation op, boolean message) {
        assertNull(op.error());
        return CarrierTestSupport.accepted(sim, random, op, message, T0);
    }

    private static CarrierHttpRequest withBody(CarrierHttpRequest request, FormBody body) {
        return CarrierTestSupport.withBody(request, body.bytes());
    }
}
