package io.switchboard.carrier.telnyx;

import static io.switchboard.carrier.telnyx.TelnyxRequests.connectionId;
import static io.switchboard.carrier.telnyx.TelnyxRequests.displayName;
import static io.switchboard.carrier.telnyx.TelnyxRequests.json;
import static io.switchboard.carrier.telnyx.TelnyxRequests.segment;

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
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.contract.Json;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Telnyx Call Control (Voice API v2) and Messaging v2.
 *
 * <ul>
 *   <li>Dial: {@code POST /v2/calls}, JSON, {@code Authorization: Bearer <api_key>}
 *       (https://developers.telnyx.com/api-reference/call-commands/dial, operation {@code DialCall}):
 *       {@code connection_id} (credential or setting {@code connection_id}), {@code to},
 *       {@code from}, {@code from_display_name}, {@code timeout_secs} (ring timeout clamped to
 *       Telnyx's 5..600 s), {@code webhook_url} = {@code <webhookBaseUrl>/voice/<callId>} with
 *       {@code webhook_url_method=POST},
 *       {@code client_state} = base64 of our call id, {@code command_id} = {@code <callId>-<sequence>}
 *       (a repeated Dial with the same id is ignored, so a retry after a timeout is safe), and
 *       {@code record=record-from-answer} when recording is asked for. The call id is
 *       {@code data.call_control_id}.</li>
 *   <li>Fetch: {@code GET /v2/calls/{call_control_id}}; hang up (any state, ringing or answered):
 *       {@code POST /v2/calls/{call_control_id}/actions/hangup} with {@code command_id=hangup}
 *       (operation {@code HangupCall} of team-telnyx/openapi {@code spec3.json}).</li>
 *   <li>SMS: {@code POST /v2/messages} with {@code from}, {@code to}, {@code text},
 *       {@code webhook_url} = {@code <webhookBaseUrl>/sms/<messageId>} and the optional setting
 *       {@code messaging_profile_id}; the message id is {@code data.id}
 *       (operation {@code SendMessage}).</li>
 *   <li>Probe: {@code GET /v2/balance}
 *       (https://developers.telnyx.com/api-reference/billing/get-user-balance-details).</li>
 * </ul>
 * Errors: {@link TelnyxErrors}; webhooks: {@link TelnyxSignature} and {@link TelnyxEventMapper}.
 */
public final class TelnyxProvider implements CarrierProvider {

    /** Credential: the API v2 key, sent as a bearer token. */
    public static final String API_KEY = "api_key";
    /** Credential (or setting): the Call Control Application id to dial from. */
    public static final String CONNECTION_ID = "connection_id";
    /** Credential: the account's webhook public key, base64 of the raw 32-byte Ed25519 key. */
    public static final String PUBLIC_KEY = "public_key";
    /** Setting: an optional messaging profile id for {@code POST /v2/messages}. */
    public static final String MESSAGING_PROFILE_ID = "messaging_profile_id";
    /** Telnyx's accepted range for {@code timeout_secs}: 5 to 600 s. */
    static final int MIN_TIMEOUT_S = 5;
    /** See {@link #MIN_TIMEOUT_S}. */
    static final int MAX_TIMEOUT_S = 600;

    private final TelnyxSimulator simulator = new TelnyxSimulator();

    @Override
    public String name() {
        return "telnyx";
    }

    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    /** @return {@code api_key} and {@code public_key}; {@code connection_id} may be a credential or a setting */
    @Override
    public List<String> requiredCredentials() {
        return List.of(API_KEY, PUBLIC_KEY);
    }

    @Override
    public String defaultBaseUrl() {
        return "https://api.telnyx.com";
    }

    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("connection_id", connectionId(account))
                .put("to", call.to().value())
                .put("from", call.from().value());
        String displayName = displayName(call.callerName());
        if (displayName != null) {
            body.put("from_display_name", displayName);
        }
        body.put("timeout_secs", Math.max(MIN_TIMEOUT_S, Math.min(MAX_TIMEOUT_S, call.ringTimeoutS())))
                .put("webhook_url", CallbackPaths.voice(account, call.callId()))
                .put("webhook_url_method", "POST")
                .put("client_state", Base64.getEncoder().encodeToString(call.callId().getBytes(StandardCharsets.UTF_8)))
                .put("command_id", call.callId() + "-" + call.sequence());
        if (call.record()) {
            body.put("record", "record-from-answer");
        }
        return json(account, "POST", "/v2/calls", body);
    }

    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("from", message.from().value())
                .put("to", message.to().value())
                .put("text", message.body())
                .put("webhook_url", CallbackPaths.sms(account, message.messageId()));
        String profile = account.setting(MESSAGING_PROFILE_ID, null);
        if (profile != null) {
            body.put("messaging_profile_id", profile);
        }
        return json(account, "POST", "/v2/messages", body);
    }

    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return json(account, "GET", "/v2/calls/" + segment(carrierCallId), null);
    }

    /** @return the hang-up action, for every state: Telnyx hangs up a ringing or an answered leg alike */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        ObjectNode body = Json.mapper().createObjectNode().put("command_id", "hangup");
        return Optional.of(json(account, "POST", "/v2/calls/" + segment(carrierCallId) + "/actions/hangup",
                body));
    }

    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return json(account, "GET", "/v2/balance", null);
    }

    /** @return {@code data.call_control_id} (voice) or {@code data.id} (SMS) */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        String field = service == Service.VOICE ? "call_control_id" : "id";
        try {
            JsonNode id = Json.mapper().readTree(response.body()).path("data").path(field);
            if (id.isTextual() && !id.asText().isEmpty()) {
                return id.asText();
            }
        } catch (IOException notJson) {
            throw new IllegalArgumentException("Telnyx response is not JSON", notJson);
        }
        throw new IllegalArgumentException("Telnyx response has no data." + field);
    }

    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return TelnyxErrors.failure(response, now);
    }

    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        return TelnyxSignature.verify(account.credential(PUBLIC_KEY), webhook.header(TelnyxSignature.SIGNATURE_HEADER),
                webhook.header(TelnyxSignature.TIMESTAMP_HEADER), webhook.body(), now);
    }

    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return TelnyxEventMapper.map(webhook, now);
    }

    @Override
    public ProviderSimulator simulator() {
        return simulator;
    }
}
