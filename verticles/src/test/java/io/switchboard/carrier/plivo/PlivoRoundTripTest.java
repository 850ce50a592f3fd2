package io.switchboard.carrier.plivo;

import static io.switchboard.carrier.CarrierTestSupport.json;
import static io.switchboard.carrier.CarrierTestSupport.relative;
import static io.switchboard.carrier.plivo.PlivoTestSupport.call;
import static io.switchboard.carrier.plivo.PlivoTestSupport.inbound;
import static io.switchboard.carrier.plivo.PlivoTestSupport.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** PlivoProvider against PlivoSimulator: requests read, responses parsed, callbacks verified and mapped. */
class PlivoRoundTripTest {

    private static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

    private final PlivoProvider provider = new PlivoProvider();
    private final PlivoSimulator simulator = new PlivoSimulator();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sandbox = simulator.newAccount(random);
    private final CarrierAccount account = PlivoTestSupport.account(sandbox);

    @Test
    void newAccountHasPlivoShapedCredentials() {
        assertTrue(sandbox.get("auth_id").matches("MA[A-Z0-9]{18}"), sandbox.get("auth_id"));
        assertTrue(sandbox.get("auth_token").matches("[A-Za-z0-9]{40}"));
        assertNotEquals(sandbox.get("auth_token"), simulator.newAccount(random).get("auth_token"));
        String id = simulator.newId(random, false);
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertNotEquals(id, PlivoSimulator.callUuid(id));
        assertEquals(id, PlivoSimulator.callUuid(PlivoSimulator.callUuid(id)));
    }

    @Test
    void theSimulatorReadsMakeCallAsCreateCall() {
        SimOperation operation = simulator.read(relative(provider.placeCall(account, call())), sandbox);
        assertEquals(SimOperation.Kind.CREATE_CALL, operation.kind());
        assertNull(operation.error());
        assertEquals("+14155550100", operation.to());
        assertEquals("+16502530000", operation.from());
        String base = PlivoTestSupport.WEBHOOK_BASE + "/voice/call_01HX";
        assertEquals(Map.of("ring", base + "/ring", "answer", base + "/answer", "hangup", base + "/hangup"),
                operation.callbacks());
    }

    @Test
    void fetchAndHangUpReachTheEnginesCallWhicheverIdTheyUse() {
        String requestUuid = simulator.newId(random, false);
        String callUuid = PlivoSimulator.callUuid(requestUuid);
        SimOperation fetch = simulator.read(relative(provider.fetchCall(account, callUuid)), sandbox);
        assertEquals(SimOperation.Kind.FETCH_CALL, fetch.kind());
        assertEquals(requestUuid, fetch.carrierId());
        SimOperation cancel = simulator.read(relative(provider.hangUp(account, requestUuid, CallState.QUEUED)
                .orElseThrow()), sandbox);
        assertEquals(SimOperation.Kind.HANG_UP, cancel.kind());
        assertEquals(requestUuid, cancel.carrierId());
        SimOperation delete = simulator.read(relative(provider.hangUp(account, callUuid, CallState.ANSWERED)
                .orElseThrow()), sandbox);
        assertEquals(SimOperation.Kind.HANG_UP, delete.kind());
        assertEquals(requestUuid, delete.carrierId());
        assertEquals(SimOperation.Kind.PROBE, simulator.read(relative(provider.probe(account)), sandbox).kind());
        CarrierHttpRequest unknown = new CarrierHttpRequest("PUT", "/v1/Account/" + sandbox.get("auth_id") + "/Call/",
                provider.probe(account).headers(), null);
        assertEquals(SimOperation.Kind.UNKNOWN, simulator.read(unknown, sandbox).kind());
    }

    @Test
    void wrongCredentialsOrAnotherAccountAreUnauthorized() {
        CarrierAccount wrong = PlivoTestSupport.account(Map.of("auth_id", sandbox.get("auth_id"), "auth_token", "nope"));
        SimOperation operation = simulator.read(relative(provider.placeCall(wrong, call())), sandbox);
        assertEquals(SimOperation.Kind.CREATE_CALL, operation.kind());
        assertEquals(SimError.Kind.UNAUTHORIZED, operation.error().kind());
        Map<String, String> other = simulator.newAccount(random);
        assertEquals(SimError.Kind.UNAUTHORIZED, simulator.read(relative(provider.probe(
                PlivoTestSupport.account(other))), sandbox).error().kind());
    }

    @Test
    void aMissingFieldIsAnInvalidRequestNamingIt() {
        for (String field : List.of("from", "to", "answer_url")) {
            ObjectNode body = (ObjectNode) json(provider.placeCall(account, call()).body());
            body.remove(field);
            SimOperation operation = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox);
            assertEquals(SimError.Kind.INVALID_REQUEST, operation.error().kind(), field);
            assertTrue(operation.error().detail().startsWith(field + " "), operation.error().detail());
        }
    }

    @Test
    void anInvalidDestinationIsAnInvalidNumberAndPlivosPlusIsOptional() {
        ObjectNode body = (ObjectNode) json(provider.placeCall(account, call()).body());
        body.put("to", "1555");
        SimOperation invalid = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox);
        assertEquals(SimError.Kind.INVALID_NUMBER, invalid.error().kind());
        body.put("to", "14155550100");
        SimOperation withoutPlus = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox);
        assertNull(withoutPlus.error());
        assertEquals("+14155550100", withoutPlus.to());
    }

    @Test
    void acceptedFetchedHungUpAndProbedParseAsPlivoResponses() {
        SimCall sim = simCall(false);
        CarrierHttpResponse accepted = simulator.accepted(sim);
        assertEquals(201, accepted.status());
        assertEquals(sim.id(), provider.acceptedId(accepted, Service.VOICE));
        assertEquals("call fired", json(accepted.body()).get("message").asText());

        JsonNode live = json(simulator.fetched(sim.advance("in-progress", NOW, null)).body());
        assertEquals("in-progress", live.get("call_status").asText());
        assertEquals(PlivoSimulator.callUuid(sim.id()), live.get("call_uuid").asText());
        assertEquals(sim.id(), live.get("request_uuid").asText());
        JsonNode record = json(simulator.fetched(sim.advance("completed", NOW, NOW.plusSeconds(75))).body());
        assertEquals(75, record.get("call_duration").asInt());
        assertEquals(75, record.get("bill_duration").asInt());
        assertTrue(record.get("total_amount").isTextual(), "amounts are decimal strings");
        assertEquals("14155550100", record.get("to_number").asText());

        CarrierHttpResponse hungUp = simulator.hungUp(sim);
        assertEquals(204, hungUp.status());
        assertEquals(0, hungUp.body().length);
        JsonNode probed = json(simulator.probed(sandbox).body());
        assertEquals(sandbox.get("auth_id"), probed.get("auth_id").asText());
        assertTrue(probed.get("cash_credits").isTextual());
    }

    @ParameterizedTest
    @CsvSource({
        "RINGING, ring, RINGING", "ANSWERED, answer, ANSWERED", "COMPLETED, hangup, COMPLETED", "BUSY, hangup, BUSY",
        "NO_ANSWER, hangup, NO_ANSWER", "CANCELED, hangup, CANCELED", "REJECTED, hangup, REJECTED",
        "FAILED, hangup, FAILED"})
    void callCallbacksVerifyAndMapBackToTheState(CallState sent, String purpose, CallState mapped) {
        SimCall sim = simCall(false).advance("x", sent == CallState.ANSWERED || sent == CallState.COMPLETED ? NOW : null,
                sent.isFinal() ? NOW.plusSeconds(33) : null);
        List<CarrierHttpRequest> callbacks = simulator.callbacks(sim, SimEvent.call(sent, 200), sandbox, NOW);
        assertEquals(1, callbacks.size());
        CarrierHttpRequest callback = callbacks.get(0);
        assertEquals("POST", callback.method());
        assertEquals(PlivoTestSupport.WEBHOOK_BASE + "/voice/call_01HX/" + purpose, callback.url());
        assertEquals("application/x-www-form-urlencoded", callback.header("Content-Type"));
        assertTrue(callback.header("X-Plivo-Signature-V3-Nonce").matches("\\d{20}"));
        InboundWebhook webhook = inbound(callback);
        WebhookMapping mapping = CarrierTestSupport.mapVerified(provider, account, webhook, NOW);
        CarrierEvent event = mapping.events().get(0);
        assertEquals(mapped, event.callState());
        assertEquals("call_01HX", event.id());
        assertEquals(PlivoSimulator.callUuid(sim.id()), event.carrierCallId());
        assertEquals(sent == CallState.ANSWERED ? PlivoEventMapper.ANSWER_XML : null, mapping.reply());
        assertEquals(sent == CallState.COMPLETED ? Integer.valueOf(33) : sent.isFinal() ? Integer.valueOf(0) : null,
                event.durationS());
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"QUEUED", "INITIATED"})
    void plivoSendsNoQueuedOrInitiatedCallback(CallState state) {
        assertTrue(simulator.callbacks(simCall(false), SimEvent.call(state, null), sandbox, NOW).isEmpty());
    }

    @Test
    void aCallbackSignedWithAnotherTokenOrTamperedIsForbidden() {
        CarrierHttpRequest callback = simulator.callbacks(simCall(false), SimEvent.call(CallState.BUSY, 486),
                simulator.newAccount(random), NOW).get(0);
        assertEquals(403, provider.verify(account, inbound(callback), NOW).status());
        CarrierHttpRequest genuine = simulator.callbacks(simCall(false), SimEvent.call(CallState.BUSY, 486), sandbox,
                NOW).get(0);
        CarrierHttpRequest tampered = new CarrierHttpRequest(genuine.method(), genuine.url(), genuine.headers(),
                genuine.bodyText().replace("CallStatus=busy", "CallStatus=completed").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(403, provider.verify(account, inbound(tampered), NOW).status());
    }

    @Test
    void smsRoundTrip() {
        SimOperation operation = simulator.read(relative(provider.sendMessage(account, message())), sandbox);
        assertEquals(SimOperation.Kind.SEND_MESSAGE, operation.kind());
        assertNull(operation.error());
        assertEquals("+14155550100", operation.to());
        assertEquals("+16502530000", operation.from());
        assertEquals("Your code is 123456", operation.text());
        assertEquals(Map.of("status", PlivoTestSupport.WEBHOOK_BASE + "/sms/msg_01HX"), operation.callbacks());

        SimCall sim = simCall(true);
        CarrierHttpResponse accepted = simulator.accepted(sim);
        assertEquals(202, accepted.status());
        assertEquals(sim.id(), provider.acceptedId(accepted, Service.SMS));
        assertTrue(simulator.callbacks(sim, SimEvent.message(MessageState.QUEUED), sandbox, NOW).isEmpty());
        for (MessageState state : List.of(MessageState.SENT, MessageState.DELIVERED, MessageState.FAILED)) {
            InboundWebhook webhook = inbound(simulator.callbacks(sim, SimEvent.message(state), sandbox, NOW).get(0));
            CarrierEvent event = CarrierTestSupport.mapVerified(provider, account, webhook, NOW).events().get(0);
            assertEquals(state, event.messageState());
            assertEquals("msg_01HX", event.id());
            assertEquals(sim.id(), event.carrierCallId());
            assertEquals(state == MessageState.FAILED, event.carrierCode() != null);
        }
        ObjectNode body = (ObjectNode) json(provider.sendMessage(account, message()).body());
        body.remove("text");
        SimOperation noText = simulator.read(withBody(provider.sendMessage(account, message()), body), sandbox);
        assertEquals(SimError.Kind.INVALID_REQUEST, noText.error().kind());
        assertTrue(noText.error().detail().startsWith("text "));
    }

    @ParameterizedTest
    @CsvSource({
        "UNAUTHORIZED, 401, false, TEL_006",
        "INVALID_REQUEST, 400, false, TEL_006",
        "INVALID_NUMBER, 400, false, TEL_001",
        "NOT_FOUND, 404, false, TEL_006",
        "RATE_LIMITED, 429, true, TEL_006",
        "SERVER_ERROR, 503, true, TEL_006"})
    void everySimulatedErrorIsClassified(SimError.Kind kind, int status, boolean retryable, ErrorCode cause) {
        String detail = kind == SimError.Kind.INVALID_REQUEST ? "answer_url is a required field" : "detail of " + kind;
        CarrierHttpResponse response = simulator.error(new SimError(kind, detail));
        assertEquals(status, response.status());
        assertTrue(json(response.body()).hasNonNull("api_id"));
        CarrierFailure failure = provider.failure(response, NOW);
        assertEquals(retryable, failure.retryable());
        assertEquals(cause, failure.cause());
        assertTrue(failure.message().contains(detail), failure.message());
    }

    @Test
    void theSimulatorsOwnInvalidNumberErrorIsTel001() {
        ObjectNode body = (ObjectNode) json(provider.placeCall(account, call()).body());
        body.put("to", "+1555");
        SimError error = simulator.read(withBody(provider.placeCall(account, call()), body), sandbox).error();
        CarrierFailure failure = provider.failure(simulator.error(error), NOW);
        assertEquals(ErrorCode.TEL_001, failure.cause());
        assertTrue(!failure.retryable());
    }

    private SimCall simCall(boolean message) {
        return CarrierTestSupport.simulated(simulator, random, message ? provider.sendMessage(account, message())
                : provider.placeCall(account, call()), sandbox, message, NOW.minusSeconds(10));
    }

    private static CarrierHttpRequest withBody(CarrierHttpRequest request, JsonNode body) {
        return CarrierTestSupport.relativeWithJson(request, body);
    }
}
