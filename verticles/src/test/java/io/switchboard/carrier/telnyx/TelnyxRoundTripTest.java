package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.CarrierTestSupport.relative;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.call;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.inbound;
import static io.switchboard.carrier.telnyx.TelnyxTestSupport.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookCheck;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** TelnyxProvider against TelnyxSimulator: requests read, responses parsed, webhooks verified and mapped. */
class TelnyxRoundTripTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    private final TelnyxProvider provider = new TelnyxProvider();
    private final TelnyxSimulator simulator = new TelnyxSimulator();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sandbox = simulator.newAccount(random);
    private final CarrierAccount account = adapterAccount(sandbox);

    @Test
    void newAccountHasTheCredentialsInTelnyxShapes() {
        assertTrue(sandbox.get("api_key").matches("KEY[0-9A-F]{32}_[A-Za-z0-9]{22}"), sandbox.get("api_key"));
        assertTrue(sandbox.get("connection_id").matches("\\d{19}"));
        assertEquals(32, java.util.Base64.getDecoder().decode(sandbox.get("public_key")).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(sandbox.get("private_key")).length);
        assertNotEquals(sandbox.get("api_key"), simulator.newAccount(random).get("api_key"));
        assertTrue(simulator.newId(random, false).matches("v3:[A-Za-z0-9_-]{40}"));
        assertTrue(simulator.newId(random, true).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void theSimulatorReadsTheDialAsCreateCall() {
        SimOperation operation = simulator.read(relative(provider.placeCall(account, call())), sandbox);
        assertEquals(SimOperation.Kind.CREATE_CALL, operation.kind());
        assertNull(operation.error());
        assertEquals("+14155550100", operation.to());
        assertEquals("+16502530000", operation.from());
        assertEquals(Map.of("status", TelnyxTestSupport.WEBHOOK_BASE + "/voice/call_01HX"), operation.callbacks());
        assertEquals("call_01HX", TelnyxEventMapper.fromClientState(operation.reference()));
    }

    @Test
    void theSimulatorReadsFetchHangUpAndProbe() {
        SimOperation fetch = simulator.read(relative(provider.fetchCall(account, "v3:abc")), sandbox);
        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals("v3:abc", fetch.carrierId());
        SimOperation hangUp = simulator.read(relative(provider.hangUp(account, "v3:abc", CallState.ANSWERED)
                .orElseThrow()), sandbox);
        assertEquals(SimOperation.Kind.HANG_UP, hangUp.kind());
        assertEquals("v3:abc", hangUp.carrierId());
        assertEquals(SimOperation.Kind.PROBE, simulator.read(relative(provider.probe(account)), sandbox).kind());
        CarrierHttpRequest other = new CarrierHttpRequest("DELETE", "/v2/calls", provider.probe(account).headers(), null);
        assertEquals(SimOperation.Kind.UNKNOWN, simulator.read(other, sandbox).kind());
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        Map<String, String> wrong = new HashMap<>(account.credentials());
        wrong.put("api_key", "KEYwrong");
        SimOperation operation = simulator.read(relative(provider.placeCall(TelnyxTestSupport.account(wrong), call())),
                sandbox);
        assertEquals(SimOperation.Kind.CREATE_CALL, operation.kind());
        assertEquals(SimError.Kind.UNAUTHORIZED, operation.error().kind());
        assertEquals(SimError.Kind.UNAUTHORIZED, simulator.read(relative(provider.probe(
                TelnyxTestSupport.account(wrong))), sandbox).error().kind());
    }

    @Test
    void aMissingFieldIsAnInvalidRequestNamingIt() {
        for (String field : List.of("connection_id", "to", "from")) {
            ObjectNode body = (ObjectNode) json(provider.placeCall(account, call()).body());
            body.remove(field);
            SimOperation operation = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox);
            assertEquals(SimError.Kind.INVALID_REQUEST, operation.error().kind(), field);
            assertTrue(operation.error().detail().contains("'" + field + "'"), operation.error().detail());
        }
        ObjectNode otherApp = (ObjectNode) json(provider.placeCall(account, call()).body());
        otherApp.put("connection_id", "42");
        SimOperation operation = simulator.read(withBody(provider.placeCall(account, call()), otherApp), sandbox);
        assertEquals(SimError.Kind.INVALID_REQUEST, operation.error().kind());
        assertTrue(operation.error().detail().contains("connection_id"));
    }

    @Test
    void aDestinationThatIsNotE164IsAnInvalidNumber() {
        for (String to : List.of("+1555", "14155550100", "sip:alice@example.com")) {
            ObjectNode body = (ObjectNode) json(provider.placeCall(account, call()).body());
            body.put("to", to);
            SimOperation operation = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox);
            assertEquals(SimError.Kind.INVALID_NUMBER, operation.error().kind(), to);
        }
    }

    @Test
    void acceptedFetchedHungUpAndProbedParseAsTelnyxResponses() {
        SimCall sim = simCall(false);
        CarrierHttpResponse accepted = simulator.accepted(sim);
        assertTrue(accepted.isSuccess());
        assertEquals(sim.id(), provider.acceptedId(accepted, Service.VOICE));
        JsonNode data = json(accepted.body()).get("data");
        assertEquals("call", data.get("record_type").asText());
        assertFalse(data.get("is_alive").asBoolean());
        assertTrue(data.hasNonNull("call_leg_id") && data.hasNonNull("call_session_id"));

        JsonNode live = json(simulator.fetched(sim).body()).get("data");
        assertTrue(live.get("is_alive").asBoolean());
        assertEquals(data.get("call_leg_id"), live.get("call_leg_id"));
        SimCall ended = sim.advance("completed", NOW.plusSeconds(5), NOW.plusSeconds(65));
        JsonNode over = json(simulator.fetched(ended).body()).get("data");
        assertFalse(over.get("is_alive").asBoolean());
        assertEquals(60, over.get("call_duration").asInt());

        assertEquals("ok", json(simulator.hungUp(sim).body()).get("data").get("result").asText());
        JsonNode balance = json(simulator.probed(sandbox).body()).get("data");
        assertTrue(balance.get("balance").isTextual(), "amounts are decimal strings");
        assertEquals("USD", balance.get("currency").asText());
    }

    @ParameterizedTest
    @CsvSource({
        "INITIATED, , INITIATED, ",
        "ANSWERED, , ANSWERED, ",
        "COMPLETED, 200, COMPLETED, 200",
        "BUSY, 486, BUSY, 486",
        "NO_ANSWER, 480, NO_ANSWER, 480",
        "CANCELED, 487, CANCELED, 487",
        "REJECTED, 603, REJECTED, 603",
        "FAILED, 503, FAILED, 503",
        "FAILED, , FAILED, "})
    void callWebhooksVerifyAndMapBackToTheState(CallState sent, Integer sip, CallState mapped, Integer sipBack) {
        SimCall sim = simCall(false).advance("x", sent == CallState.ANSWERED ? NOW : null,
                sent.isFinal() ? NOW.plusSeconds(30) : null);
        List<CarrierHttpRequest> callbacks = simulator.callbacks(sim, SimEvent.call(sent, sip), sandbox, NOW);
        assertEquals(1, callbacks.size());
        CarrierHttpRequest callback = callbacks.get(0);
        assertEquals("POST", callback.method());
        assertEquals(TelnyxTestSupport.WEBHOOK_BASE + "/voice/call_01HX", callback.url());
        InboundWebhook webhook = inbound(callback);
        WebhookCheck check = provider.verify(account, webhook, NOW.plusSeconds(2));
        assertTrue(check.accepted(), check.reason());
        WebhookMapping mapping = provider.map(webhook, NOW.plusSeconds(2));
        CarrierEvent event = mapping.events().get(0);
        assertEquals(mapped, event.callState());
        assertEquals("call_01HX", event.id());
        assertEquals(sim.id(), event.carrierCallId());
        assertEquals(sipBack, event.sipCode());
        assertEquals(NOW, event.occurredAt());

        List<CarrierHttpRequest> again = simulator.callbacks(sim, SimEvent.call(sent, sip), sandbox, NOW.plusSeconds(9));
        assertEquals(event.dedupeKey(), provider.map(inbound(again.get(0)), NOW).events().get(0).dedupeKey(),
                "a redelivery has the same event id");
        JsonNode envelope = json(callback.body());
        assertEquals("event", envelope.get("data").get("record_type").asText());
        assertEquals(1, envelope.get("meta").get("attempt").asInt());
        assertEquals(sandbox.get("connection_id"), envelope.get("data").get("payload").get("connection_id").asText());
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"QUEUED", "RINGING"})
    void telnyxSendsNoQueuedOrRingingEvent(CallState state) {
        assertTrue(simulator.callbacks(simCall(false), SimEvent.call(state, null), sandbox, NOW).isEmpty());
    }

    @Test
    void aCallbackSignedByAnotherAccountIsForbidden() {
        Map<String, String> other = simulator.newAccount(random);
        CarrierHttpRequest callback = simulator.callbacks(simCall(false), SimEvent.call(CallState.ANSWERED, null), other,
                NOW).get(0);
        assertEquals(403, provider.verify(account, inbound(callback), NOW).status());
        assertEquals(403, provider.verify(account, inbound(simulator.callbacks(simCall(false),
                SimEvent.call(CallState.ANSWERED, null), sandbox, NOW).get(0)), NOW.plusSeconds(600)).status());
    }

    @Test
    void smsRoundTrip() {
        SimOperation operation = simulator.read(relative(provider.sendMessage(account, message())), sandbox);
        assertEquals(SimOperation.Kind.SEND_MESSAGE, operation.kind());
        assertNull(operation.error());
        assertEquals("+14155550100", operation.to());
        assertEquals("+16502530000", operation.from());
        assertEquals("Your code is 123456", operation.text());
        assertEquals(Map.of("status", TelnyxTestSupport.WEBHOOK_BASE + "/sms/msg_01HX"), operation.callbacks());

        SimCall sim = simCall(true);
        assertEquals(sim.id(), provider.acceptedId(simulator.accepted(sim), Service.SMS));
        assertTrue(simulator.callbacks(sim, SimEvent.message(MessageState.QUEUED), sandbox, NOW).isEmpty());
        for (MessageState state : List.of(MessageState.SENT, MessageState.DELIVERED, MessageState.FAILED)) {
            InboundWebhook webhook = inbound(simulator.callbacks(sim, SimEvent.message(state), sandbox, NOW).get(0));
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, webhook, NOW).events().get(0);
            assertEquals(state, event.messageState());
            assertEquals("msg_01HX", event.id());
            assertEquals(sim.id(), event.carrierCallId());
            assertEquals(state == MessageState.FAILED ? "40008" : null, event.carrierCode());
        }
    }

    @Test
    void aMessageWithoutTextIsAnInvalidRequest() {
        ObjectNode body = (ObjectNode) json(provider.sendMessage(account, message()).body());
        body.remove("text");
        SimOperation operation = simulator.read(withBody(provider.sendMessage(account, message()), body), sandbox);
        assertEquals(SimOperation.Kind.SEND_MESSAGE, operation.kind());
        assertEquals(SimError.Kind.INVALID_REQUEST, operation.error().kind());
        assertTrue(operation.error().detail().contains("'text'"));
    }

    @ParameterizedTest
    @CsvSource({
        "UNAUTHORIZED, 401, false, TEL_006",
        "INVALID_REQUEST, 422, false, TEL_006",
        "INVALID_NUMBER, 422, false, TEL_001",
        "NOT_FOUND, 404, false, TEL_006",
        "RATE_LIMITED, 429, true, TEL_006",
        "SERVER_ERROR, 503, true, TEL_006"})
    void everySimulatedErrorIsClassified(SimError.Kind kind, int status, boolean retryable, ErrorCode cause) {
        CarrierHttpResponse response = simulator.error(new SimError(kind, "detail of " + kind));
        assertEquals(status, response.status());
        CarrierFailure failure = provider.failure(response, NOW);
        assertEquals(retryable, failure.retryable());
        assertEquals(cause, failure.cause());
        assertTrue(failure.message().contains("detail of " + kind), failure.message());
        assertTrue(failure.carrierCode().matches("\\d{5}"), failure.carrierCode());
        if (kind == SimError.Kind.RATE_LIMITED) {
            assertEquals(1000L, failure.retryAfterMs());
        }
    }

    private SimCall simCall(boolean message) {
        return CarrierTestSupport.simulated(simulator, random, message ? provider.sendMessage(account, message())
                : provider.placeCall(account, call()), sandbox, message, NOW.minusSeconds(10));
    }

    private static CarrierHttpRequest withBody(CarrierHttpRequest request, JsonNode body) {
        return CarrierTestSupport.relativeWithJson(request, body);
    }

    private static CarrierAccount adapterAccount(Map<String, String> sandbox) {
        Map<String, String> credentials = new HashMap<>(sandbox);
        credentials.remove(TelnyxSimulator.PRIVATE_KEY);
        return TelnyxTestSupport.account(credentials);
    }
}
