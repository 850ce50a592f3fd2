package io.switchboard.carrier.vonage;

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
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Vonage's side of a sandbox carrier. A new account is an application with a fresh RSA 2048 key
 * pair ({@code private_key} PEM for the adapter, {@code public_key} kept to check its JWTs), a
 * {@code signature_secret} for signed webhooks and an SMS {@code api_key}/{@code api_secret}.
 *
 * <p>Requests are checked by {@link VonageSimRequests}; answers: create call
 * {@code 201 {uuid,status:"started",direction:"outbound",conversation_uuid}}, fetch
 * {@code GetCallResponse}, hang-up 204, probe {@code GetCallsResponse}, SMS
 * {@code 200 {"message-count":"1","messages":[{...,"status":"0"}]}}. Webhooks: Voice events to
 * the {@code event_url} with a HS256 Bearer JWT ({@link VonageWebhookJwt}), SMS receipts (JSON)
 * to the {@code callback} with {@code sig} ({@link VonageSmsSignature}).
 *
 * <p>Errors are RFC 7807 for every operation (the SMS API's own 200-with-status refusals cannot be
 * produced: {@link SimError} does not say which API refused).
 *
 * <p>Follows https://developer.vonage.com/en/api/voice and https://developer.vonage.com/en/api/sms.
 */
public final class VonageSimulator implements ProviderSimulator {

    private final Clock clock;

    /** A simulator on the system clock. */
    public VonageSimulator() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock JWT expiry is checked against */
    public VonageSimulator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
        Map<String, String> account = new LinkedHashMap<>();
        account.put("application_id", uuid(random));
        account.put("private_key", VonagePem.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        account.put("public_key", VonagePem.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        account.put("signature_secret", hex(random, 32));
        account.put("api_key", "sb" + hex(random, 3)); // a letter first: never read as a number
        account.put("api_secret", hex(random, 8));
        return account;
    }

    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        return VonageSimRequests.read(request, account, clock.instant());
    }

    /** @return a UUID for a call, 16 upper-case hex digits for a message */
    @Override
    public String newId(SecureRandom random, boolean message) {
        return message ? hex(random, 8).toUpperCase(java.util.Locale.ROOT)
                : uuid(random);
    }

    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        if (call.message()) {
            ObjectNode body = CarrierJson.object().put("message-count", "1");
            ObjectNode message = body.putArray("messages").addObject().put("to", call.to().substring(1))
                    .put("message-id", call.id()).put("status", "0").put("remaining-balance", "10.00000000")
                    .put("message-price", "0.00570000").put("network", "310260");
            if (call.reference() != null) {
                message.put("client-ref", call.reference());
            }
            return CarrierJson.response(200, body, "application/json");
        }
        return CarrierJson.response(201, CarrierJson.object().put("uuid", call.id()).put("status", "started")
                .put("direction", "outbound").put("conversation_uuid", VonageSimEvents.conversation(call)),
                "application/json");
    }

    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        if (call.message()) {
            return error(new SimError(SimError.Kind.NOT_FOUND, "no call " + call.id()));
        }
        CallState state = CallState.fromWire(call.status());
        ObjectNode body = CarrierJson.object();
        body.putObject("_links").putObject("self").put("href", "/v1/calls/" + call.id());
        body.put("uuid", call.id()).put("conversation_uuid", VonageSimEvents.conversation(call));
        body.putObject("to").put("type", "phone").put("number", call.to().substring(1));
        body.putObject("from").put("type", "phone").put("number", call.from().substring(1));
        body.put("status", VonageSimEvents.status(state, null)).put("direction", "outbound")
                .put("start_time", call.createdAt().toString()).put("network", "310260");
        if (state == CallState.COMPLETED) {
            body.put("end_time", call.endedAt() == null ? null : call.endedAt().toString())
                    .put("duration", String.valueOf(call.durationS())).put("rate", "0.01270000").put("price", "0.00000000");
        }
        return CarrierJson.response(200, body, "application/json");
    }

    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return new CarrierHttpResponse(204, Map.of(), new byte[0]);
    }

    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        ObjectNode body = CarrierJson.object().put("count", 0).put("page_size", 1).put("record_index", 0);
        body.putObject("_links").putObject("self").put("href", "/v1/calls?page_size=1");
        body.putObject("_embedded").putArray("calls");
        return CarrierJson.response(200, body, "application/json");
    }

    @Override
    public CarrierHttpResponse error(SimError error) {
        String[] typeAndTitle = switch (error.kind()) {
            case UNAUTHORIZED -> new String[] {"unauthorized", "Invalid credentials supplied"};
            case INVALID_REQUEST, INVALID_NUMBER -> new String[] {"invalid-parameters", "Bad Request"};
            case NOT_FOUND -> new String[] {"not-found", "Not Found"};
            case RATE_LIMITED -> new String[] {"throttled", "Too Many Requests"};
            case SERVER_ERROR -> new String[] {"service-unavailable", "Service Unavailable"};
        };
        String detail = error.detail() == null ? typeAndTitle[1] : error.detail();
        ObjectNode body = CarrierJson.object().put("type", "https://developer.nexmo.com/api-errors#" + typeAndTitle[0])
                .put("title", typeAndTitle[1]).put("detail", detail)
                .put("instance", UUID.nameUUIDFromBytes(detail.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        if (error.kind() == SimError.Kind.INVALID_NUMBER) {
            body.putArray("invalid_parameters").addObject().put("name", "to").put("reason", detail);
        }
        return CarrierJson.response(error.kind().status(), body, "application/problem+json");
    }

    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        if (call.message()) {
            String url = call.callbacks().get("dlr");
            Map<String, String> receipt = VonageSimEvents.receipt(call, event.messageState(), account, now);
            if (url == null || receipt == null) {
                return List.of();
            }
            ObjectNode body = CarrierJson.object();
            receipt.forEach(body::put);
            return List.of(post(url, Map.of("Content-Type", "application/json"), body));
        }
        String url = call.callbacks().get("event");
        if (url == null || event.callState() == null || event.callState() == CallState.QUEUED) {
            return List.of();
        }
        byte[] body = CarrierJson.bytes(VonageSimEvents.callEvent(call, event.callState(), event.sipCode(), now));
        String auth = VonageWebhookJwt.bearer(body, account.get("signature_secret"), account.get("api_key"),
                account.get("application_id"), now, UUID.nameUUIDFromBytes(body).toString());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", auth);
        return List.of(new CarrierHttpRequest("POST", url, headers, body));
    }

    private static CarrierHttpRequest post(String url, Map<String, String> headers, JsonNode body) {
        return new CarrierHttpRequest("POST", url, headers, CarrierJson.bytes(body));
    }
}
