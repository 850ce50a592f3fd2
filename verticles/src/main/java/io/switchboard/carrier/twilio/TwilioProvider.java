package io.switchboard.carrier.twilio;

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
 * Twilio Programmable Voice and Messaging, REST API 2010-04-01
 * (<a href="https://www.twilio.com/docs/voice/api/call-resource">Call resource</a>,
 * <a href="https://www.twilio.com/docs/messaging/api/message-resource">Message resource</a>).
 *
 * <ul>
 *   <li>Credentials: {@code account_sid} ({@code AC} + 32 hex) and {@code auth_token}; requests use
 *       HTTP Basic {@code account_sid:auth_token} (built by {@code TwilioRequests}).</li>
 *   <li>Settings: {@code answer_pause_s}, how long the answered call is held by its TwiML
 *       {@code <Pause>} (default 60 s).</li>
 *   <li>Errors: {@code TwilioErrors} (429/20429 and 5xx retryable, invalid number final TEL-001).</li>
 *   <li>Webhooks: {@code X-Twilio-Signature} ({@code TwilioSignature}); mapping per the state table
 *       ({@code TwilioStatusMapper}).</li>
 * </ul>
 * Stateless and free of I/O, as {@link CarrierProvider} requires.
 */
public final class TwilioProvider implements CarrierProvider {

    private final TwilioSimulator simulator = new TwilioSimulator();

    /** @return {@code twilio} */
    @Override
    public String name() {
        return "twilio";
    }

    /** @return voice and SMS */
    @Override
    public Set<Service> services() {
        return Set.of(Service.VOICE, Service.SMS);
    }

    /** @return {@code account_sid}, {@code auth_token} */
    @Override
    public List<String> requiredCredentials() {
        return List.of("account_sid", "auth_token");
    }

    /** @return {@code https://api.twilio.com} */
    @Override
    public String defaultBaseUrl() {
        return "https://api.twilio.com";
    }

    /** {@code POST .../Calls.json}; see {@code TwilioRequests.createCall} for every field. */
    @Override
    public CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call) {
        return TwilioRequests.createCall(account, call);
    }

    /** {@code POST .../Messages.json} with To, From, Body and StatusCallback. */
    @Override
    public CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        return TwilioRequests.createMessage(account, message);
    }

    /** {@code GET .../Calls/{Sid}.json}. */
    @Override
    public CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId) {
        return TwilioRequests.fetchCall(account, carrierCallId);
    }

    /** {@code POST .../Calls/{Sid}.json}, {@code Status=canceled} before answer, {@code completed} after. */
    @Override
    public Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state) {
        return Optional.of(TwilioRequests.hangUp(account, carrierCallId, state));
    }

    /** {@code GET /2010-04-01/Accounts/{AccountSid}.json}. */
    @Override
    public CarrierHttpRequest probe(CarrierAccount account) {
        return TwilioRequests.probe(account);
    }

    /**
     * @return the {@code sid} of the created call ({@code CA…}) or message ({@code SM…}/{@code MM…})
     * @throws IllegalArgumentException if the body is not JSON or has no {@code sid}
     */
    @Override
    public String acceptedId(CarrierHttpResponse response, Service service) {
        try {
            String sid = new JsonObject(response.bodyText()).getString("sid");
            if (sid == null || sid.isBlank()) {
                throw new IllegalArgumentException("Twilio " + service.wireName() + " response has no sid");
            }
            return sid;
        } catch (DecodeException | ClassCastException unreadable) {
            throw new IllegalArgumentException("Twilio response is not a JSON resource", unreadable);
        }
    }

    /** Parses Twilio's error body and classifies it: 429/20429 and 5xx retryable, invalid To final TEL-001. */
    @Override
    public CarrierFailure failure(CarrierHttpResponse response, Instant now) {
        return TwilioErrors.failure(response, now);
    }

    /**
     * Checks {@code X-Twilio-Signature} with the account's {@code auth_token}: 401 without the
     * header, 403 when it does not match. Twilio signs no timestamp, so there is no replay window.
     */
    @Override
    public WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now) {
        return TwilioSignature.verify(account.credential("auth_token"), webhook);
    }

    /** Maps {@code CallStatus}/{@code MessageStatus} per the state table; our id comes from the path. */
    @Override
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        return TwilioStatusMapper.map(webhook, now);
    }

    /** @return the Twilio sandbox carrier */
    @Override
    public ProviderSimulator simulator() {
        return simulator;
    }
}
