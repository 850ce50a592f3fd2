package io.switchboard.carrier.exotel;

import static io.switchboard.carrier.exotel.ExotelFixtures.CALL_ID;
import static io.switchboard.carrier.exotel.ExotelFixtures.MESSAGE_ID;
import static io.switchboard.carrier.exotel.ExotelFixtures.WEBHOOKS;
import static io.switchboard.carrier.exotel.ExotelFixtures.inbound;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** ExotelProvider against ExotelSimulator: requests read, responses parsed, callbacks authenticated and mapped. */
class ExotelRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final ExotelProvider exotel = new ExotelProvider();
    private final ProviderSimulator sim = exotel.simulator();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> credentials = sim.newAccount(random);
    private final CarrierAccount account = new CarrierAccount("exotel-sandbox", "exotel", "http://127.0.0.1:43818",
            credentials, sim.accountSettings(), WEBHOOKS);

    @Test
    void newAccountHasEveryRequiredCredentialAndIdsAre32Hex() {
        assertEquals(java.util.Set.copyOf(exotel.requiredCredentials()), credentials.keySet());
        assertTrue(sim.newId(random, false).matches("[0-9a-f]{32}"));
        assertTrue(sim.newId(random, true).matches("[0-9a-f]{32}"));
    }

    @Test
    void placedCallIsReadAcceptedAndReportedBack() {
        SimOperation op = sim.read(CarrierTestSupport.relative(exotel.placeCall(account, ExotelFixtures.call())), credentials);

        assertEquals(SimOperation.Kind.CREATE_CALL, op.kind());
        assertNull(op.error());
        assertEquals("+919876543210", op.to());
        assertEquals("+918047112233", op.from());
        assertEquals(CALL_ID, op.reference());
        assertTrue(op.callbacks().get("status").endsWith("@sb.example.com/v1/webhooks/exotel-in/voice/" + CALL_ID));

        SimCall call = accept(op, false);
        CarrierHttpResponse accepted = sim.accepted(call);
        assertEquals(200, accepted.status());
        assertEquals(call.id(), exotel.acceptedId(accepted, Service.VOICE));

        for (CallState silent : List.of(CallState.QUEUED, CallState.INITIATED, CallState.RINGING)) {
            assertTrue(sim.callbacks(call.advance(silent.wireName(), null, null), SimEvent.call(silent, null), credentials,
                    T0).isEmpty(), "Exotel reports only answered and terminal events, not " + silent);
        }
        call = call.advance("answered", T0.plusSeconds(4), null);
        assertEquals(CallState.ANSWERED, reported(call, SimEvent.call(CallState.ANSWERED, null)).callState());
        call = call.advance("completed", null, T0.plusSeconds(64));
        CarrierEvent completed = reported(call, SimEvent.call(CallState.COMPLETED, 200));
        assertEquals(CallState.COMPLETED, completed.callState());
        assertEquals(60, completed.durationS());
        assertEquals("completed", new JsonObject(sim.fetched(call).bodyText()).getJsonObject("Call").getString("Status"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"BUSY,BUSY", "NO_ANSWER,NO_ANSWER", "CANCELED,CANCELED", "REJECTED,FAILED", "FAILED,FAILED"})
    void unansweredEndingsMapBack(CallState state, CallState expected) {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(exotel.placeCall(account, ExotelFixtures.call())), credentials), false)
                .advance(state.wireName(), null, T0.plusSeconds(20));

        CarrierEvent event = reported(call, SimEvent.call(state, null));

        assertEquals(expected, event.callState());
        assertEquals(0, event.durationS());
    }

    @Test
    void sentMessageIsReadAcceptedAndItsFinalStatesReportedBack() {
        SimOperation op = sim.read(CarrierTestSupport.relative(exotel.sendMessage(account, ExotelFixtures.message("Code 123456"))),
                credentials);

        assertEquals(SimOperation.Kind.SEND_MESSAGE, op.kind());
        assertEquals("Code 123456", op.text());
        assertEquals(MESSAGE_ID, op.reference());
        SimCall message = accept(op, true);
        assertEquals(message.id(), exotel.acceptedId(sim.accepted(message), Service.SMS));
        assertEquals("submitted", new JsonObject(sim.fetched(message.advance("sent", null, null)).bodyText())
                .getJsonObject("SMSMessage").getString("Status"), "normalized sent is Exotel's submitted");

        assertTrue(sim.callbacks(message, SimEvent.message(MessageState.SENT), credentials, T0).isEmpty());
        CarrierEvent delivered = reported(message.advance("delivered", null, T0), SimEvent.message(MessageState.DELIVERED));
        CarrierEvent failed = reported(message.advance("failed", null, T0), SimEvent.message(MessageState.FAILED));
        assertEquals(MessageState.DELIVERED, delivered.messageState());
        assertEquals(MessageState.FAILED, failed.messageState());
        assertEquals("24105", failed.carrierCode());
    }

    @Test
    void fetchAndProbeAreServedAndHangUpIsNot() {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(exotel.placeCall(account, ExotelFixtures.call())), credentials), false);

        SimOperation fetch = sim.read(CarrierTestSupport.relative(exotel.fetchCall(account, call.id())), credentials);
        SimOperation probe = sim.read(CarrierTestSupport.relative(exotel.probe(account)), credentials);

        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals(call.id(), fetch.carrierId());
        assertEquals(SimOperation.Kind.PROBE, probe.kind());
        assertNull(probe.error());
        assertEquals(credentials.get("account_sid"), new JsonObject(sim.probed(credentials).bodyText())
                .getJsonObject("Account").getString("AccountSid"));
        assertEquals(404, sim.hungUp(call).status());
        assertTrue(exotel.hangUp(account, call.id(), CallState.RINGING).isEmpty());
    }

    @Test
    void wrongApiTokenIsUnauthorized() {
        Map<String, String> other = new HashMap<>(credentials);
        other.put("api_token", "not-the-token");
        CarrierAccount wrong = new CarrierAccount("e", "exotel", "http://h", other, Map.of(), WEBHOOKS);

        SimOperation op = sim.read(CarrierTestSupport.relative(exotel.placeCall(wrong, ExotelFixtures.call())), credentials);

        assertEquals(SimError.Kind.UNAUTHORIZED, op.error().kind());
        assertFalse(exotel.failure(sim.error(op.error()), T0).retryable());
    }

    @Test
    void missingCallerIdIsAnInvalidRequestNamingIt() {
        CarrierHttpRequest placed = exotel.placeCall(account, ExotelFixtures.call());
        FormBody without = CarrierTestSupport.formWith(ExotelFixtures.form(placed), "CallerId", null);

        SimOperation op = sim.read(CarrierTestSupport.relative(new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(),
                without.bytes())), credentials);

        assertEquals(SimError.Kind.INVALID_REQUEST, op.error().kind());
        assertTrue(op.error().detail().contains("CallerId"), op.error().detail());
    }

    @Test
    void nationalNumberIsAnInvalidNumber() {
        CarrierHttpRequest placed = exotel.placeCall(account, ExotelFixtures.call());
        FormBody national = CarrierTestSupport.formWith(ExotelFixtures.form(placed), "To", "09876543210");

        SimOperation op = sim.read(CarrierTestSupport.relative(new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(),
                national.bytes())), credentials);

        assertEquals(SimError.Kind.INVALID_NUMBER, op.error().kind());
        CarrierFailure failure = exotel.failure(sim.error(op.error()), T0);
        assertFalse(failure.retryable());
        assertEquals(400, failure.httpStatus());
    }

    @ParameterizedTest
    @EnumSource(SimError.Kind.class)
    void everySimulatedErrorIsClassifiedByStatus(SimError.Kind kind) {
        CarrierFailure failure = CarrierTestSupport.simulatedFailure(exotel, sim, kind, 1, T0);

        assertEquals(ErrorCode.TEL_006, failure.cause());
        assertEquals(kind == SimError.Kind.RATE_LIMITED ? Long.valueOf(1_000) : null, failure.retryAfterMs());
    }

    @Test
    void callbackWithoutTheCredentialsInItsUrlIsRefused() {
        SimCall call = accept(sim.read(CarrierTestSupport.relative(exotel.placeCall(account, ExotelFixtures.call())), credentials), false);
        SimCall bare = new SimCall(call.id(), false, call.to(), call.from(), null,
                Map.of("status", WEBHOOKS + "/voice/" + CALL_ID), CALL_ID, "completed", T0, T0, T0.plusSeconds(5));

        CarrierHttpRequest callback = sim.callbacks(bare, SimEvent.call(CallState.COMPLETED, 200), credentials, T0).get(0);

        assertNull(callback.header("Authorization"));
        assertEquals(401, exotel.verify(account, inbound(callback), T0).status());
    }

    /** @return the single callback the simulator sends for the step, authenticated and mapped */
    private CarrierEvent reported(SimCall call, SimEvent event) {
        CarrierHttpRequest callback = CarrierTestSupport.onlyCallback(sim.callbacks(call, event, credentials, T0));
        assertEquals(WEBHOOKS + (call.message() ? "/sms/" + MESSAGE_ID : "/voice/" + CALL_ID), callback.url(),
                "user information moves from the URL into Authorization");
        return CarrierTestSupport.onlyEvent(CarrierTestSupport.mapVerified(exotel, account, inbound(callback), T0),
                call.message() ? MESSAGE_ID : CALL_ID, call);
    }

    private SimCall accept(SimOperation op, boolean message) {
        assertNull(op.error());
        return CarrierTestSupport.accepted(sim, random, op, message, T0);
    }
}
