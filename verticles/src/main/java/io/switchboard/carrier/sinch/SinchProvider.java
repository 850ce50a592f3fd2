package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sinch: outbound calls through the Voice (Calling) API v1 with Application-signed requests, SMS
 * through the SMS REST API ({@code xms}) with a Bearer API token.
 *
 * <p>Credentials: {@code application_key}, {@code application_secret} (Base64, as issued),
 * {@code service_plan_id}, {@code api_token}, {@code webhook_secret} (SMS callback HMAC).
 * Settings: {@code sms_base_url} (default {@code https://us.sms.api.sinch.com} for a live account,
 * else the account's base URL), {@code config_base_url} (the configuration API of the probe,
 * default {@code https://callingapi.sinch.com}, likewise), {@code max_duration_s} (the callout's
 * {@code maxDuration}, default 3600 s: Switchboard brings no media, so the call lasts until the
 * callee hangs up or this cap).
 *
 * <p>Callbacks: a custom callout names its ACE URL, {@code {webhookBase}/voice/{callId}}; the
 * DiCE goes to the application's callback URL, which Sinch keeps per application (dashboard),
 * not per call: set it to {@code {webhookBase}/voice}; our call id rides in {@code custom}. SMS:
 * {@code callback_url} = {@code {webhookBase}/sms/{messageId}}, {@code client_reference} =
 * message id, {@code delivery_report=per_recipient}. A callout has no ring-timeout or recording
 * field, so {@link OutboundCall#ringTimeoutS()} and {@link OutboundCall#record()} are not carried.
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/voice/tag/Callouts,
 * .../tag/Calls (getCallResult, manageCall), .../tag/Applications (getNumbers) and
 * https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches (sendSMS). Sinch publishes
 * no OpenAPI document in a public repository; shapes follow sinch-sdk-java's fixtures.
 */
public final class SinchProvider implements CarrierProvider {

    /** The live Voice API host. */
    public static final String VOICE_BASE_URL = "https://calling.api.sinch.com";
    /** The live SMS API host (US region). */
    public static final String SMS_BASE_URL = "https://us.sms.api.sinch.com";
    /** The live configuration API host. */
    public static final String CONFIG_BASE_URL = "https://callingapi.sinch.com";

    private final Clock clock;
    private final SinchMapper mapper = new SinchMapper();

    /** A provider on the system clock ({@code x-timestamp}). */
    public SinchProvider() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock {@code x-timestamp} is read from */
    public SinchProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sinch";
    }

    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of("application_key", "application_secret", "service_plan_id", "api_token", "webhook_secret");
    }

    @Override
    public String defaultBaseUrl() {
        return VOICE_BASE_URL;
    }

    /** {@code POST /calling/v1/callouts}, a customCallout; see {@link SinchRequests#callout}. */
    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        return SinchRequests.callout(account, call, clock.instant());
    }

    /** {@code POST /xms/v1/{service_plan_id}/batches}; see {@link SinchRequests#batch}. */
    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        return SinchRequests.batch(account, message);
    }

    /** {@code GET /calling/v1/calls/id/{callId}}. */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return signed("GET", base(account), "/calling/v1/calls/id/" + CallbackPaths.segment(carrierCallId), account, null);
    }

    /** {@code PATCH /calling/v1/calls/id/{callId}} with SVAML {@code {"instructions":[],"action":{"name":"hangup"}}}. */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        ObjectNode svaml = CarrierJson.object();
        svaml.putArray("instructions");
        svaml.putObject("action").put("name", "hangup");
        return Optional.of(signed("PATCH", base(account), "/calling/v1/calls/id/" + CallbackPaths.segment(carrierCallId),
                account, CarrierJson.bytes(svaml)));
    }

    /**
     * {@code GET /v1/configuration/numbers} on the configuration host: the cheapest read that
     * checks the same Application signature calls use (the Calling API has no call list, and a
     * fetch needs a call id).
     */
    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return signed("GET", companion(account, "config_base_url", CONFIG_BASE_URL), "/v1/configuration/numbers",
                account, null);
    }

    /** @return {@code callId} (voice) or the batch {@code id} (SMS) */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        String field = service == Service.VOICE ? "callId" : "id";
        JsonNode body = CarrierJson.read(response.body());
        String id = CarrierJson.text(body, field);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Sinch response carries no " + field);
        }
        return id;
    }

    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return SinchErrors.failure(response, now);
    }

    /**
     * {@code /sms/...}: {@link SinchWebhookHmac} with {@code webhook_secret}; otherwise the
     * Application signature of voice callbacks ({@link SinchApplicationSignature}).
     */
    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        String path = webhook.path() == null ? "" : webhook.path();
        if (path.startsWith("/sms")) {
            return SinchWebhookHmac.verify(webhook, account.credential("webhook_secret"), now);
        }
        String urlPath;
        try {
            urlPath = URI.create(webhook.url()).getPath();
        } catch (IllegalArgumentException e) {
            return WebhookCheck.unauthorized("unreadable webhook URL");
        }
        return SinchApplicationSignature.verify(account.credential("application_key"),
                account.credential("application_secret"), webhook.method(), webhook.body(),
                webhook.header("content-type"), webhook.header("authorization"), webhook.header("x-timestamp"),
                urlPath, now, SinchApplicationSignature.WINDOW);
    }

    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return mapper.map(webhook, now);
    }

    @Override
    public ProviderSimulator simulator() {
        return new SinchSimulator(clock);
    }

    private CarrierHttpRequest signed(String method, String host, String path, CarrierAccount account, byte[] body) {
        return SinchRequests.signed(method, host, path, account, body, clock.instant());
    }

    private static String base(CarrierAccount account) {
        return SinchRequests.base(account);
    }

    private static String companion(CarrierAccount account, String setting, String liveHost) {
        return SinchRequests.companion(account, setting, liveHost);
    }
}
