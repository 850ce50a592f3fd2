package io.switchboard.carrier.exotel;

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
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Exotel Voice v1 ("connect two numbers") and SMS v1
 * (<a href="https://developer.exotel.com/api/make-a-call-api">Connect two numbers</a>,
 * <a href="https://developer.exotel.com/api-console/send-sms-api-console">Send SMS</a>).
 *
 * <ul>
 *   <li>Credentials: {@code api_key} and {@code api_token} (HTTP Basic on every request),
 *       {@code account_sid} (in the paths), and {@code webhook_username} / {@code webhook_password},
 *       which Switchboard issues because Exotel signs no webhook.</li>
 *   <li>Settings: {@code caller_id}, the ExoPhone presented (default: the call's {@code from});
 *       {@code dlt_entity_id}, {@code dlt_template_id} for SMS to India.</li>
 *   <li>Hang-up: Exotel v1 documents no hang-up or modify endpoint, so {@link #hangUp} is empty.</li>
 *   <li>Errors: classified by HTTP status only ({@code ExotelErrors}).</li>
 * </ul>
 * Stateless and free of I/O, as {@link CarrierProvider} requires.
 */
public final class ExotelProvider implements CarrierProvider {

    private final ExotelSimulator simulator = new ExotelSimulator();

    /** @return {@code exotel} */
    @Override
    public String name() {
        return "exotel";
    }

    /** @return voice and SMS */
    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    /** @return {@code api_key}, {@code api_token}, {@code account_sid}, {@code webhook_username}, {@code webhook_password} */
    @Override
    public List<String> requiredCredentials() {
        return List.of("api_key", "api_token", "account_sid", "webhook_username", "webhook_password");
    }

    /** @return {@code https://api.exotel.com} (Singapore; {@code https://api.in.exotel.com} is Mumbai) */
    @Override
    public String defaultBaseUrl() {
        return "https://api.exotel.com";
    }

    /** {@code POST /v1/Accounts/{sid}/Calls/connect.json}; every field is listed on {@code ExotelRequests.connect}. */
    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        return ExotelRequests.connect(account, call);
    }

    /** {@code POST /v1/Accounts/{sid}/Sms/send.json}. */
    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        return ExotelRequests.sendSms(account, message);
    }

    /** {@code GET /v1/Accounts/{sid}/Calls/{CallSid}.json}. */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return ExotelRequests.fetchCall(account, carrierCallId);
    }

    /** @return empty: Exotel v1 documents no endpoint that ends or cancels a call */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        return Optional.empty();
    }

    /** {@code GET /v1/Accounts/{sid}/Balance.json}. */
    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return ExotelRequests.probe(account);
    }

    /**
     * @return {@code Call.Sid} (voice) or {@code SMSMessage.Sid} (SMS), 32 hex
     * @throws IllegalArgumentException if the body is not that JSON or has no {@code Sid}
     */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        String wrapper = service == Service.VOICE ? "Call" : "SMSMessage";
        try {
            JsonObject resource = new JsonObject(response.bodyText()).getJsonObject(wrapper);
            String sid = resource == null ? null : resource.getString("Sid");
            if (sid == null || sid.isBlank()) {
                throw new IllegalArgumentException("Exotel response has no " + wrapper + ".Sid");
            }
            return sid;
        } catch (DecodeException | ClassCastException unreadable) {
            throw new IllegalArgumentException("Exotel response is not a JSON " + wrapper, unreadable);
        }
    }

    /** Classifies by HTTP status: 429 and 5xx retryable, other statuses final (TEL-006). */
    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return ExotelErrors.failure(response, now);
    }

    /** Checks the Basic credentials of the account's webhook user: 401 when absent, 403 when wrong. */
    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        return ExotelWebhookAuth.verify(account.credential("webhook_username"),
                account.credential("webhook_password"), webhook);
    }

    /** Maps {@code Status}/{@code EventType} per the state table; our id from the path or {@code CustomField}. */
    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return ExotelStatusMapper.map(webhook, now);
    }

    /** @return the Exotel sandbox carrier */
    @Override
    public ProviderSimulator simulator() {
        return simulator;
    }
}
