package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.sandbox.SimIds.hex;
import static io.switchboard.carrier.sandbox.SimIds.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.model.CallState;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bandwidth's side of a sandbox carrier: Voice API v2 and Messaging API v2 request checks
 * ({@link BandwidthSimRequests}), their response shapes ({@code createCallResponse} 201,
 * {@code callState}, {@code message} 202, {@code voiceApiError}) and their callbacks, authenticated
 * with the account's webhook Basic credentials.
 *
 * <p>Voice callbacks: {@code answer} to the answerUrl, {@code disconnect} (cause {@code hangup},
 * {@code busy}, {@code timeout}, {@code cancel}, {@code rejected} or {@code error}) to the
 * disconnectUrl; Bandwidth sends no ringing event. Messaging callbacks (a JSON array) go to the
 * messaging application's callback URL, which Bandwidth keeps in the application, not in the
 * request: the account entry {@code messaging_callback_url}, else {@code webhook_base_url}
 * + {@code /sms}; without either none are sent.
 *
 * <p>Error bodies use the voice shape {@code {"type","description","id"}} for every operation,
 * since {@link SimError} does not say which API refused. Responses cannot name the account
 * ({@code accountId}, {@code callUrl}): {@link SimCall} does not carry it.
 *
 * <p>Follows https://dev.bandwidth.com/apis/voice/ and https://dev.bandwidth.com/apis/messaging/.
 */
public final class BandwidthSimulator implements ProviderSimulator {

    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        Map<String, String> account = new LinkedHashMap<>();
        account.put("account_id", String.valueOf(9_000_000 + random.nextInt(1_000_000)));
        account.put("username", "sb-api-" + hex(random, 4));
        account.put("password", hex(random, 16));
        account.put("webhook_username", "sb-hook-" + hex(random, 4));
        account.put("webhook_password", hex(random, 16));
        account.put("application_id", uuid(random));
        return account;
    }

    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        return BandwidthSimRequests.read(request, account);
    }

    /** @return {@code c-} + hex groups for a call, 13 digits + 16 letters/digits for a message */
    @Override
    public String newId(SecureRandom random, boolean message) {
        if (message) {
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder id = new StringBuilder(String.valueOf(1_600_000_000_000L + (random.nextLong() & 0xFFFFFFFFFL)));
            for (int i = 0; i < 16; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return id.toString();
        }
        return "c-" + hex(random, 4) + "-" + hex(random, 4) + "-" + uuid(random);
    }

    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        ObjectNode body = CarrierJson.object();
        if (call.message()) {
            body.put("id", call.id()).put("owner", call.from()).put("time", call.createdAt().toString())
                    .put("segmentCount", 1).put("direction", "out");
            body.putArray("to").add(call.to());
            body.put("from", call.from()).put("text", call.text()).put("tag", call.reference());
            return json(202, body);
        }
        body.put("callId", call.id()).put("to", call.to()).put("from", call.from())
                .put("enqueuedTime", call.createdAt().toString())
                .put("answerMethod", "POST").put("answerUrl", call.callbacks().get("answer"))
                .put("disconnectMethod", "POST").put("disconnectUrl", call.callbacks().get("disconnect"))
                .put("tag", call.reference()).put("priority", 5);
        return json(201, body);
    }

    /**
     * @return {@code callState}: {@code state} is {@code queued}, {@code initiated}, {@code answered}
     *     or {@code disconnected} (with {@code disconnectCause}) for the call's normalized status
     */
    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        if (call.message()) {
            return error(new SimError(SimError.Kind.NOT_FOUND, "no call " + call.id()));
        }
        CallState state = CallState.fromWire(call.status());
        String word = switch (state) {
            case QUEUED -> "queued";
            case INITIATED, RINGING -> "initiated";
            case ANSWERED -> "answered";
            default -> "disconnected";
        };
        ObjectNode body = CarrierJson.object().put("callId", call.id()).put("to", call.to()).put("from", call.from())
                .put("direction", "outbound").put("state", word)
                .put("enqueuedTime", call.createdAt().toString()).put("startTime", call.createdAt().toString());
        if (state.isFinal()) {
            body.put("disconnectCause", BandwidthSimEvents.cause(state));
        }
        body.put("answerTime", call.answeredAt() == null ? null : call.answeredAt().toString());
        body.put("endTime", call.endedAt() == null ? null : call.endedAt().toString());
        return json(200, body);
    }

    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return new CarrierHttpResponse(200, Map.of(), new byte[0]);
    }

    /** @return {@code 200 []}: the account's (empty) call list */
    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        return json(200, CarrierJson.array());
    }

    @Override
    public CarrierHttpResponse error(SimError error) {
        String type = switch (error.kind()) {
            case UNAUTHORIZED -> "unauthorized";
            case INVALID_REQUEST, INVALID_NUMBER -> "validation";
            case NOT_FOUND -> "not-found";
            case RATE_LIMITED -> "too-many-requests";
            case SERVER_ERROR -> "internal-server-error";
        };
        ObjectNode body = CarrierJson.object().put("type", type).put("description", error.detail()).putNull("id");
        return json(error.kind().status(), body);
    }

    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        String auth = Signing.basic(account.get("webhook_username"), account.get("webhook_password"));
        if (call.message()) {
            String url = call.callbacks().get("status");
            ObjectNode status = url == null ? null : BandwidthSimEvents.messageStatus(call, event.messageState(), account, now);
            return status == null ? List.of() : List.of(post(url, auth, CarrierJson.array().add(status)));
        }
        CallState state = event.callState();
        if (state == CallState.ANSWERED && call.callbacks().containsKey("answer")) {
            return List.of(post(call.callbacks().get("answer"), auth, BandwidthSimEvents.answer(call, account, now)));
        }
        if (state != null && state.isFinal() && call.callbacks().containsKey("disconnect")) {
            return List.of(post(call.callbacks().get("disconnect"), auth,
                    BandwidthSimEvents.disconnect(call, state, event.sipCode(), account, now)));
        }
        return List.of();
    }

    private static CarrierHttpRequest post(String url, String auth, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", auth);
        return new CarrierHttpRequest("POST", url, headers, CarrierJson.bytes(body));
    }

    private static CarrierHttpResponse json(int status, JsonNode body) {
        return new CarrierHttpResponse(status, Map.of("Content-Type", List.of("application/json")), CarrierJson.bytes(body));
    }
}
