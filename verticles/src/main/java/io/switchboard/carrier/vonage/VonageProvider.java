package io.switchboard.carrier.vonage;

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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Vonage: outbound calls through the Voice API (JSON, RS256 application JWT) and SMS through the
 * SMS API (form, {@code api_key}/{@code api_secret}).
 *
 * <p>Credentials: {@code application_id}, {@code private_key} (the application's PKCS #8 PEM),
 * {@code signature_secret} (verifies signed webhooks), {@code api_key}, {@code api_secret}.
 * Settings: {@code sms_base_url} (default {@code https://rest.nexmo.com} for a live account, else
 * the account's base URL), {@code sms_signature_method} ({@link VonageSmsSignature.Method}, default
 * {@code md5hash}), {@code answer_url} (an NCCO server; without it the call carries an inline NCCO
 * {@code talk} of {@code talk_text}, since Switchboard brings no media of its own).
 *
 * <p>Callbacks: {@code event_url} = {@code {webhookBase}/voice/{callId}}, the SMS {@code callback}
 * = {@code {webhookBase}/sms/{messageId}} with {@code client-ref} = message id. The SMS API answers
 * refusals with HTTP 200: {@link #acceptedId} throws for them and {@link #refusal} /
 * {@link #failure} classify them.
 *
 * <p>Follows https://developer.vonage.com/en/api/voice (createCall, getCall, updateCall, getCalls)
 * and https://developer.vonage.com/en/api/sms (Nexmo/api-specification {@code voice.yml},
 * {@code sms.yml}).
 */
public final class VonageProvider implements CarrierProvider {

    /** The live Voice API host. */
    public static final String VOICE_BASE_URL = "https://api.nexmo.com";
    /** The live SMS API host. */
    public static final String SMS_BASE_URL = "https://rest.nexmo.com";

    private final Clock clock;
    private final VonageMapper mapper = new VonageMapper();

    /** A provider on the system clock (JWT issue times). */
    public VonageProvider() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock JWT issue times are read from */
    public VonageProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "vonage";
    }

    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of("application_id", "private_key", "signature_secret", "api_key", "api_secret");
    }

    @Override
    public String defaultBaseUrl() {
        return VOICE_BASE_URL;
    }

    /**
     * {@code POST /v1/calls}; see {@link VonageRequests#createCall}.
     */
    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        return VonageRequests.createCall(account, call, clock.instant());
    }

    /** {@code POST /sms/json}; see {@link VonageRequests#sendSms}. */
    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        return VonageRequests.sendSms(account, message);
    }

    /** {@code GET /v1/calls/{uuid}}. */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return voice("GET", base(account) + "/v1/calls/" + CallbackPaths.segment(carrierCallId), account, null);
    }

    /** {@code PUT /v1/calls/{uuid}} with {@code {"action":"hangup"}} (ends a ringing or answered call). */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        byte[] body = CarrierJson.bytes(CarrierJson.object().put("action", "hangup"));
        return Optional.of(voice("PUT", base(account) + "/v1/calls/" + CallbackPaths.segment(carrierCallId), account, body));
    }

    /**
     * {@code GET /v1/calls?page_size=1}: a Voice API read with the same application JWT calls use,
     * on the same host, so the probe fails exactly when call placement would for auth or host
     * reasons (a balance read on {@code rest.nexmo.com} would test the SMS credentials instead).
     */
    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return voice("GET", base(account) + "/v1/calls?page_size=1", account, null);
    }

    /**
     * @return the call's {@code uuid}, or the SMS API's {@code messages[0].message-id}
     * @throws IllegalArgumentException when absent, or when the SMS API refused the message
     *     (non-zero {@code status}; {@link #refusal} classifies it)
     */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        JsonNode body = CarrierJson.read(response.body());
        if (service == Service.VOICE) {
            String uuid = CarrierJson.text(body, "uuid");
            if (uuid == null) {
                throw new IllegalArgumentException("Vonage response carries no uuid");
            }
            return uuid;
        }
        Optional<CarrierFailure> refused = VonageErrors.smsRefusal(response);
        if (refused.isPresent()) {
            throw new IllegalArgumentException("Vonage SMS API refused the message: status "
                    + refused.get().carrierCode() + " " + refused.get().message());
        }
        String id = CarrierJson.text(body.path("messages").path(0), "message-id");
        if (id == null) {
            throw new IllegalArgumentException("Vonage SMS response carries no message-id");
        }
        return id;
    }

    /**
     * The SMS API refuses with HTTP 200; this reads such an answer.
     *
     * @return the failure of a refused message, or empty when accepted or for voice
     */
    @Override
    public Optional<CarrierFailure> refusal(CarrierHttpResponse response, Service service, Instant now) {
        return service == Service.VOICE ? Optional.empty() : VonageErrors.smsRefusal(response);
    }

    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return VonageErrors.failure(response, now);
    }

    /**
     * {@code /sms/...}: the {@code sig} parameter ({@link VonageSmsSignature}); otherwise the
     * Bearer JWT of signed Voice webhooks ({@link VonageWebhookJwt}).
     */
    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        String path = webhook.path() == null ? "" : webhook.path();
        if (path.startsWith("/sms")) {
            Map<String, String> params;
            try {
                params = VonageJson.params(webhook);
            } catch (IllegalArgumentException e) {
                return WebhookCheck.unauthorized("unreadable delivery receipt");
            }
            return VonageSmsSignature.verify(params, account.credential("signature_secret"),
                    VonageSmsSignature.Method.of(account.setting("sms_signature_method", "md5hash")), now);
        }
        return VonageWebhookJwt.verify(webhook.header("authorization"), webhook.body(),
                account.credential("signature_secret"), now);
    }

    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return mapper.map(webhook, now);
    }

    @Override
    public ProviderSimulator simulator() {
        return new VonageSimulator(clock);
    }

    private CarrierHttpRequest voice(String method, String url, CarrierAccount account, byte[] body) {
        return VonageRequests.voice(method, url, account, body, clock.instant());
    }

    private static String base(CarrierAccount account) {
        return VonageRequests.base(account);
    }
}
