package io.switchboard.carrier;

import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Switchboard knows about one provider's API, and nothing else does (DESIGN section 7):
 * its requests, its responses and error bodies, its webhook signature and its status words. An
 * implementation is stateless and does no I/O: it builds {@link CarrierHttpRequest}s and reads
 * {@link CarrierHttpResponse}s and {@link InboundWebhook}s, while the shared adapter
 * ({@code CarrierVerticle}) sends them through the carrier's circuit breaker and publishes the
 * results. Each implementation lives in its own package, {@code io.switchboard.carrier.<name>},
 * together with its {@link ProviderSimulator}, and links the provider's API pages in its Javadoc.
 */
public interface CarrierProvider {

    /** @return the provider's name in configuration and rate decks: {@code twilio}, {@code telnyx}, ... */
    String name();

    /** @return the services the adapter offers through this provider ({@code VOICE}, {@code SMS}) */
    Set<Service> services();

    /**
     * @return the credential names an account of this provider needs ({@code account_sid},
     *     {@code auth_token}); an account missing one is refused at start
     */
    List<String> requiredCredentials();

    /** @return the default API base URL of a live account ({@code https://api.twilio.com}) */
    String defaultBaseUrl();

    /**
     * @return the request that places {@code call}, with status callbacks pointing at
     *     {@link CarrierAccount#webhookBaseUrl()}
     */
    CarrierHttpRequest placeCall(CarrierAccount account, OutboundCall call);

    /**
     * @return the request that sends {@code message}, with delivery receipts pointing at
     *     {@link CarrierAccount#webhookBaseUrl()}
     * @throws UnsupportedOperationException when the provider offers no messaging here
     */
    default CarrierHttpRequest sendMessage(CarrierAccount account, OutboundMessage message) {
        throw new UnsupportedOperationException(name() + " sends no messages through Switchboard");
    }

    /** @return the request that reads a call's current state */
    CarrierHttpRequest fetchCall(CarrierAccount account, String carrierCallId);

    /**
     * @param state the call's current state as Switchboard knows it (Twilio cancels a ringing call
     *     but completes an answered one; Plivo deletes a request or a call)
     * @return the request that hangs the call up or cancels it, or empty when the provider
     *     documents no such endpoint (Exotel v1)
     */
    Optional<CarrierHttpRequest> hangUp(CarrierAccount account, String carrierCallId, CallState state);

    /**
     * @return a cheap authenticated read of the provider's API (account or balance), for the
     *     health-monitor's active probe
     */
    CarrierHttpRequest probe(CarrierAccount account);

    /**
     * @param response a 2xx response to {@link #placeCall} or {@link #sendMessage}
     * @param service which of the two it answers
     * @return the carrier's id for the call or message ({@code CA…}, {@code call_control_id})
     * @throws IllegalArgumentException if the body does not carry one
     */
    String acceptedId(CarrierHttpResponse response, Service service);

    /**
     * Reads a 2xx answer that is in fact a refusal (Vonage's SMS API answers 200 with a non-zero
     * {@code status} per message). Called before {@link #acceptedId}.
     *
     * @param response a 2xx response to {@link #placeCall} or {@link #sendMessage}
     * @param service which of the two it answers
     * @param now the current time
     * @return the failure, or empty when the request was accepted (the default)
     */
    default Optional<CarrierFailure> refusal(CarrierHttpResponse response, Service service, Instant now) {
        return Optional.empty();
    }

    /**
     * @param response a non-2xx response
     * @param now the current time (for {@code Retry-After} dates)
     * @return the failure, with the carrier's code and message parsed from its error body and the
     *     classification refined where the body says more than the status (an invalid number is
     *     final and {@code TEL-001})
     */
    CarrierFailure failure(CarrierHttpResponse response, Instant now);

    /**
     * Checks a webhook's authenticity exactly as the provider documents it.
     *
     * @param now the current time, for timestamp windows (replay protection)
     * @return {@link WebhookCheck#ok()} or a refusal with its status and reason
     */
    WebhookCheck verify(CarrierAccount account, InboundWebhook webhook, Instant now);

    /**
     * Maps a genuine webhook to normalized events. Unknown event types are returned in
     * {@link WebhookMapping#unknownTypes()}, never thrown.
     *
     * @param now the time of receipt, for events that carry no time
     * @throws IllegalArgumentException only for a body that cannot be read at all (answered 400)
     */
    WebhookMapping map(InboundWebhook webhook, Instant now);

    /** @return the sandbox carrier that speaks this provider's wire format */
    ProviderSimulator simulator();
}
