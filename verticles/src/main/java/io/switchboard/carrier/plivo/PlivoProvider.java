package io.switchboard.carrier.plivo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierProvider;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.contract.Json;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plivo Voice API v1 and Messaging (https://docs.plivo.com/docs/voice/api/call/make-a-call; the
 * official SDK https://github.com/plivo/plivo-python, {@code plivo/resources/calls.py} and
 * {@code messages.py}), base
 * {@code https://api.plivo.com/v1/Account/{auth_id}/}, HTTP Basic {@code auth_id:auth_token}, JSON.
 *
 * <ul>
 *   <li>Call: {@code POST .../Call/} with {@code from}, {@code to}, {@code answer_url}
 *       ({@code <webhookBaseUrl>/voice/<callId>/answer}), {@code ring_url} ({@code .../ring}),
 *       {@code hangup_url} ({@code .../hangup}), each with method POST, {@code ring_timeout}
 *       (seconds) and {@code caller_name}. Plivo answers {@code request_uuid}, which
 *       {@link #acceptedId} returns: the call's own {@code CallUUID} only arrives in the ring,
 *       answer and hang-up callbacks (which carry both {@code RequestUUID} and {@code CallUUID});
 *       the callbacks' events give {@code CallUUID} as the carrier call id, and from then on
 *       Switchboard addresses the call by it.</li>
 *   <li>Hang up: before Plivo has a {@code CallUUID} (QUEUED, INITIATED) the request is canceled,
 *       {@code DELETE .../Request/{request_uuid}/}; from RINGING on the call is deleted,
 *       {@code DELETE .../Call/{call_uuid}/} (plivo-python {@code calls.py}: {@code cancel_request},
 *       {@code delete}).</li>
 *   <li>Fetch: {@code GET .../Call/{call_uuid}/}; probe: {@code GET .../} (the account).</li>
 *   <li>SMS: {@code POST .../Message/} with {@code src}, {@code dst}, {@code text},
 *       {@code type=sms}, {@code url} ({@code <webhookBaseUrl>/sms/<messageId>}) and
 *       {@code method=POST}; the id is {@code message_uuid[0]}.</li>
 * </ul>
 * Not sent: recording (Plivo records through a {@code <Record>} XML element or the Record API,
 * neither of which the minimal answer XML uses), so {@link OutboundCall#record()} is ignored.
 * Errors: {@link PlivoErrors}; webhooks: {@link PlivoSignature} (V3) and {@link PlivoEventMapper}.
 */
public final class PlivoProvider implements CarrierProvider {

    /** Credential: the account or subaccount id ({@code MA…}/{@code SA…}, 20 characters). */
    public static final String AUTH_ID = "auth_id";
    /** Credential: the auth token; signs the V3 webhooks too. */
    public static final String AUTH_TOKEN = "auth_token";

    private final PlivoSimulator simulator = new PlivoSimulator();

    @Override
    public String name() {
        return "plivo";
    }

    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of(AUTH_ID, AUTH_TOKEN);
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.plivo.com";
    }

    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        String callbacks = CallbackPaths.voice(account, call.callId());
        ObjectNode body = Json.mapper().createObjectNode()
                .put("from", call.from().value())
                .put("to", call.to().value())
                .put("answer_url", callbacks + "/answer")
                .put("answer_method", "POST")
                .put("ring_url", callbacks + "/ring")
                .put("ring_method", "POST")
                .put("hangup_url", callbacks + "/hangup")
                .put("hangup_method", "POST")
                .put("ring_timeout", call.ringTimeoutS());
        if (call.callerName() != null && !call.callerName().isBlank()) {
            body.put("caller_name", call.callerName());
        }
        return request(account, "POST", "Call/", body);
    }

    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("src", message.from().value())
                .put("dst", message.to().value())
                .put("text", message.body())
                .put("type", "sms")
                .put("url", CallbackPaths.sms(account, message.messageId()))
                .put("method", "POST");
        return request(account, "POST", "Message/", body);
    }

    /** @param carrierCallId the call's {@code CallUUID} */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return request(account, "GET", "Call/" + CallbackPaths.segment(carrierCallId) + "/", null);
    }

    /**
     * @param carrierCallId the {@code request_uuid} while the call is QUEUED or INITIATED, its
     *     {@code CallUUID} from RINGING on
     * @return {@code DELETE .../Request/{id}/} before RINGING, {@code DELETE .../Call/{id}/} after
     */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        boolean beforeCallUuid = state == CallState.QUEUED || state == CallState.INITIATED;
        String resource = beforeCallUuid ? "Request/" : "Call/";
        return Optional.of(request(account, "DELETE", resource + CallbackPaths.segment(carrierCallId) + "/", null));
    }

    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return request(account, "GET", "", null);
    }

    /** @return {@code request_uuid} (voice) or {@code message_uuid[0]} (SMS); a list's first element */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        String field = service == Service.VOICE ? "request_uuid" : "message_uuid";
        JsonNode id;
        try {
            id = Json.mapper().readTree(response.body()).path(field);
        } catch (IOException notJson) {
            throw new IllegalArgumentException("Plivo response is not JSON", notJson);
        }
        if (id.isArray()) {
            id = id.path(0);
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("Plivo response has no " + field);
        }
        return id.asText();
    }

    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return PlivoErrors.failure(response, now);
    }

    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        return PlivoSignature.verify(account.credential(AUTH_TOKEN), webhook);
    }

    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return PlivoEventMapper.map(webhook, now);
    }

    @Override
    public ProviderSimulator simulator() {
        return simulator;
    }

    private static CarrierHttpRequest request(CarrierAccount account, String method, String resource,
                                              ObjectNode body) {
        String authId = account.credential(AUTH_ID);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Authorization", Signing.basic(authId, account.credential(AUTH_TOKEN)));
        String url = account.baseUrl() + "/v1/Account/" + CallbackPaths.segment(authId) + "/" + resource;
        try {
            byte[] bytes = body == null ? null : Json.mapper().writeValueAsBytes(body);
            return new CarrierHttpRequest(method, url, headers, bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Plivo request", e);
        }
    }
}
