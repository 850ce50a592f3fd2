package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.CarrierProvider;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bandwidth: outbound calls through the Voice API v2 and SMS through the Messaging API v2, both JSON
 * with HTTP Basic authentication of an API user.
 *
 * <p>Credentials: {@code account_id} (the 7-digit account), {@code username} and {@code password}
 * (the API user), {@code webhook_username} and {@code webhook_password} (HTTP Basic credentials
 * Switchboard issues and Bandwidth presents on every callback). Settings: {@code application_id}
 * (the voice application; also read from the credentials), {@code messaging_application_id}
 * (default: {@code application_id}), {@code messaging_base_url} (default
 * {@code https://messaging.bandwidth.com} for a live account, else the account's base URL, so one
 * sandbox serves both APIs) and {@code answer_pause_s} (seconds of BXML {@code <Pause>} answered
 * to the answer callback, default 60: Switchboard brings no media, so the pause is the call).
 *
 * <p>Callbacks: {@code {webhookBase}/voice/{callId}/answer} and {@code .../disconnect}, with
 * {@code tag} = our call id. Messaging callbacks go to the messaging application's callback URL
 * (a dashboard setting, not a request field): set it to {@code {webhookBase}/sms}; our message id
 * comes back in {@code message.tag}.
 *
 * <p>Follows https://dev.bandwidth.com/apis/voice/#tag/Calls (createCall, getCallState,
 * updateCall), https://dev.bandwidth.com/apis/messaging/#tag/Messages/operation/createMessage and
 * https://dev.bandwidth.com/docs/voice/webhooks (OpenAPI: Bandwidth/java-sdk {@code bandwidth.yml}).
 */
public final class BandwidthProvider implements CarrierProvider {

    /** The live Voice API host. */
    public static final String VOICE_BASE_URL = "https://voice.bandwidth.com";
    /** The live Messaging API host. */
    public static final String MESSAGING_BASE_URL = "https://messaging.bandwidth.com";

    private final BandwidthMapper mapper = new BandwidthMapper();

    @Override
    public String name() {
        return "bandwidth";
    }

    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of("account_id", "username", "password", "webhook_username", "webhook_password");
    }

    @Override
    public String defaultBaseUrl() {
        return VOICE_BASE_URL;
    }

    /** {@code POST /api/v2/accounts/{accountId}/calls}; see {@link BandwidthRequests#createCall}. */
    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        return BandwidthRequests.createCall(account, call);
    }

    /** {@code POST /api/v2/users/{accountId}/messages}; see {@link BandwidthRequests#createMessage}. */
    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        return BandwidthRequests.createMessage(account, message);
    }

    /** {@code GET /api/v2/accounts/{accountId}/calls/{callId}}. */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return json("GET", callsUrl(account) + "/" + CallbackPaths.segment(carrierCallId), account, null);
    }

    /** {@code POST .../calls/{callId}} with {@code {"state":"completed"}}: hangs up or cancels, whatever the state. */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        byte[] body = CarrierJson.bytes(CarrierJson.object().put("state", "completed"));
        return Optional.of(json("POST", callsUrl(account) + "/" + CallbackPaths.segment(carrierCallId), account, body));
    }

    /** {@code GET .../calls?pageSize=1}: the cheapest authenticated read of the voice account. */
    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return json("GET", callsUrl(account) + "?pageSize=1", account, null);
    }

    /** @return {@code callId} (voice, 201) or {@code id} (message, 202) */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        JsonNode body = CarrierJson.read(response.body());
        String id = CarrierJson.text(body, service == Service.VOICE ? "callId" : "id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Bandwidth response carries no " + (service == Service.VOICE ? "callId" : "id"));
        }
        return id;
    }

    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return BandwidthErrors.failure(response, now);
    }

    /** HTTP Basic with {@code webhook_username}/{@code webhook_password}; see {@link BandwidthWebhookAuth}. */
    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        return BandwidthWebhookAuth.verify(webhook, account.credential("webhook_username"),
                account.credential("webhook_password"));
    }

    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return mapper.map(webhook, now);
    }

    @Override
    public ProviderSimulator simulator() {
        return new BandwidthSimulator();
    }

    private static String callsUrl(CarrierAccount account) {
        return BandwidthRequests.callsUrl(account);
    }

    private static CarrierHttpRequest json(String method, String url, CarrierAccount account, byte[] body) {
        return BandwidthRequests.json(method, url, account, body);
    }
}
