package io.switchboard.carrier.sandbox;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One provider's side of a sandbox carrier: it reads the requests an adapter sends in the
 * provider's wire format, answers with the provider's response shapes and error bodies, and writes
 * the provider's status webhooks with their signatures. The sandbox engine ({@code SandboxCarrier})
 * owns the HTTP server, the behaviour (answer ratio, ring time, errors, outage) and the timing;
 * an implementation only knows the formats and does no I/O.
 */
public interface ProviderSimulator {

    /**
     * @return a new sandbox account: the credentials both the simulator and the adapter use (the
     *     names of {@code CarrierProvider.requiredCredentials()}, with key pairs where the
     *     provider signs with one: Telnyx's Ed25519, Vonage's RSA application key)
     */
    Map<String, String> newAccount(SecureRandom random);

    /** @return the non-secret settings an adapter needs for a sandbox account (may be empty) */
    default Map<String, String> accountSettings() {
        return Map.of();
    }

    /**
     * Reads one request to the simulated API: which operation it is, and whether it is allowed
     * (authentication, required fields, valid numbers).
     *
     * @param request the request; its {@code url} is the path and query only ({@code /v2/calls})
     * @param account the sandbox account's credentials (from {@link #newAccount})
     * @return the operation, or one with an {@link SimError} the engine answers with {@link #error}
     */
    SimOperation read(CarrierHttpRequest request, Map<String, String> account);

    /** @return a new carrier id for a call or message, in the provider's format ({@code CA} + 32 hex) */
    String newId(SecureRandom random, boolean message);

    /** @return the provider's success response to a create-call or send-message request */
    CarrierHttpResponse accepted(SimCall call);

    /** @return the provider's response to a fetch of {@code call} in its current state */
    CarrierHttpResponse fetched(SimCall call);

    /** @return the provider's response to a hang-up of {@code call} */
    CarrierHttpResponse hungUp(SimCall call);

    /** @return the provider's response to the probe request (account or balance) */
    CarrierHttpResponse probed(Map<String, String> account);

    /** @return the provider's error response for {@code error}: status, headers and body shape */
    CarrierHttpResponse error(SimError error);

    /**
     * @param call the call or message, in the state of {@code event}
     * @param event the progress to report
     * @param account the sandbox account's credentials, to sign with
     * @param now when the event happens
     * @return the webhooks the provider sends for this progress (absolute URLs taken from the
     *     call's callback URLs, signed), possibly none (Telnyx sends no ringing event)
     */
    List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now);
}
