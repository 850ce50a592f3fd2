package io.switchboard.carrier.sinch;

import static io.switchboard.carrier.sandbox.SimIds.hex;
import static io.switchboard.carrier.sandbox.SimIds.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.contract.model.CallState;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sinch's side of a sandbox carrier: Calling API v1 and SMS REST API request checks
 * ({@link SinchSimRequests}), their answers (callout {@code {callId}}, call information, 204 on
 * manage-call, numbers list, batch 201) and callbacks: ACE/DiCE signed with the Application
 * scheme and SMS delivery reports signed with the webhook HMAC (to the batch's
 * {@code callback_url}). The ACE goes to the custom callout's {@code ace} URL; the DiCE to the
 * application's callback URL, the account entry {@code callback_url} (a dashboard setting at
 * Sinch), or, when a sandbox account has none, to the ACE URL.
 *
 * <p>Errors use the Calling API shape {@code {"status","errorCode","message"}} for every operation
 * ({@link SimError} does not say which API refused), and problem+json for 429.
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/ and
 * https://developers.sinch.com/docs/sms/api-reference/.
 */
public final class SinchSimulator implements ProviderSimulator {

    private static final String CALLBACK_CONTENT_TYPE = "application/json; charset=utf-8";
    private final Clock clock;

    /** A simulator on the system clock. */
    public SinchSimulator() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock {@code x-timestamp} windows are checked against */
    public SinchSimulator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        Map<String, String> account = new LinkedHashMap<>();
        account.put("application_key", uuid(random));
        account.put("application_secret", Base64.getEncoder().encodeToString(secret));
        account.put("service_plan_id", hex(random, 16));
        account.put("api_token", hex(random, 16));
        account.put("webhook_secret", hex(random, 16));
        return account;
    }

    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        return SinchSimRequests.read(request, account, clock.instant());
    }

    /** @return a UUID for a call, a 26-character base-32 id for a batch */
    @Override
    public String newId(SecureRandom random, boolean message) {
        if (!message) {
            return uuid(random);
        }
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        if (!call.message()) {
            return CarrierJson.response(200, CarrierJson.object().put("callId", call.id()), "application/json");
        }
        ObjectNode batch = CarrierJson.object().put("id", call.id()).put("from", call.from());
        batch.putArray("to").add(call.to());
        batch.put("canceled", false).put("body", call.text()).put("type", "mt_text")
                .put("created_at", call.createdAt().toString()).put("modified_at", call.createdAt().toString())
                .put("delivery_report", "per_recipient").put("callback_url", call.callbacks().get("delivery_report"))
                .put("client_reference", call.reference()).put("flash_message", false);
        return CarrierJson.response(201, batch, "application/json");
    }

    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        if (call.message()) {
            return error(new SimError(SimError.Kind.NOT_FOUND, "no call " + call.id()));
        }
        CallState state = CallState.fromWire(call.status());
        ObjectNode body = CarrierJson.object();
        body.putObject("from").put("type", "number").put("endpoint", call.from());
        body.putObject("to").put("type", "number").put("endpoint", call.to());
        body.put("domain", "pstn").put("callId", call.id()).put("duration", call.durationS())
                .put("status", state.isFinal() ? "FINAL" : "ONGOING")
                .put("result", state.isFinal() ? SinchSimEvents.dice(state)[0] : "N/A")
                .put("reason", state.isFinal() ? SinchSimEvents.dice(state)[1] : "N/A")
                .put("timestamp", call.createdAt().toString()).put("custom", call.reference());
        return CarrierJson.response(200, body, "application/json");
    }

    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return new CarrierHttpResponse(204, Map.of(), new byte[0]);
    }

    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        ObjectNode body = CarrierJson.object();
        body.putArray("numbers").addObject().put("number", "+14045001000")
                .put("applicationkey", account.get("application_key")).put("capability", "voice");
        return CarrierJson.response(200, body, "application/json");
    }

    @Override
    public CarrierHttpResponse error(SimError error) {
        String detail = error.detail() == null ? "" : error.detail();
        if (error.kind() == SimError.Kind.RATE_LIMITED) {
            return CarrierJson.response(429, CarrierJson.object()
                    .put("type", "https://developers.sinch.com/docs/errors/registry/too-many-requests")
                    .put("title", "Too Many Requests").put("detail", detail), "application/problem+json");
        }
        String[] statusAndCode = switch (error.kind()) {
            case UNAUTHORIZED -> new String[] {"401 Unauthorized", "40100"};
            case INVALID_REQUEST, INVALID_NUMBER -> new String[] {"400 ParameterValidation", "40001"};
            case NOT_FOUND -> new String[] {"404 Not Found", "40400"};
            default -> new String[] {"503 Service Unavailable", "50300"};
        };
        ObjectNode body = CarrierJson.object().put("status", statusAndCode[0])
                .put("errorCode", Integer.parseInt(statusAndCode[1])).put("message", detail)
                .put("reference", UUID.nameUUIDFromBytes(detail.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        return CarrierJson.response(error.kind().status(), body, "application/json");
    }

    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        if (call.message()) {
            String url = call.callbacks().get("delivery_report");
            if (url == null || event.messageState() == null) {
                return List.of();
            }
            byte[] body = CarrierJson.bytes(SinchSimEvents.report(call, event.messageState(), now));
            String timestamp = String.valueOf(now.getEpochSecond());
            String nonce = UUID.nameUUIDFromBytes(body).toString();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("x-sinch-webhook-signature-timestamp", timestamp);
            headers.put("x-sinch-webhook-signature-nonce", nonce);
            headers.put("x-sinch-webhook-signature-algorithm", "HmacSHA256");
            headers.put("x-sinch-webhook-signature",
                    SinchWebhookHmac.sign(account.get("webhook_secret"), body, nonce, timestamp, "HmacSHA256"));
            return List.of(new CarrierHttpRequest("POST", url, headers, body));
        }
        CallState state = event.callState();
        if (state == null || (state != CallState.ANSWERED && !state.isFinal())) {
            return List.of();
        }
        String url = call.callbacks().get(state == CallState.ANSWERED ? "ace" : "dice");
        if (url == null) {
            return List.of();
        }
        JsonNode body = state == CallState.ANSWERED ? SinchSimEvents.ace(call, account, now)
                : SinchSimEvents.dice(call, state, account, now);
        return List.of(signed(url, CarrierJson.bytes(body), account, now));
    }

    private static CarrierHttpRequest signed(String url, byte[] body, Map<String, String> account, Instant now) {
        String timestamp = now.toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CALLBACK_CONTENT_TYPE);
        headers.put("x-timestamp", timestamp);
        headers.put("Authorization", SinchApplicationSignature.authorization(account.get("application_key"),
                account.get("application_secret"), "POST", body, CALLBACK_CONTENT_TYPE, timestamp, URI.create(url).getPath()));
        return new CarrierHttpRequest("POST", url, headers, body);
    }
}
