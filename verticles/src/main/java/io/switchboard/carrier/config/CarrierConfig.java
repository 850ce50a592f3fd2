package io.switchboard.carrier.config;

import io.switchboard.contract.model.Service;
import java.util.Map;
import java.util.Set;

/**
 * One carrier account of the {@code carriers} configuration section (or a sandbox carrier): how
 * the router ranks it and how its adapter reaches it. Credentials stay in memory and, encrypted,
 * in PostgreSQL ({@code carriers.credentials_enc}); they never appear in {@link #toString()}.
 *
 * @param id the carrier id of rate decks and route plans ({@code twilio}, {@code wholesale-a}):
 *     lower case letters, digits and {@code -}
 * @param provider the provider: {@code twilio}, {@code telnyx}, {@code plivo}, {@code bandwidth},
 *     {@code vonage}, {@code sinch}, {@code exotel}, or {@code sip} for a SIP trunk
 * @param baseUrl the API base URL, or empty for the provider's default (unused for {@code sip})
 * @param services the services it carries
 * @param priority the routing tier, lower first
 * @param weight the weight within its tier for the {@code weighted} policy
 * @param cps the requests per second its adapter sends to the account (Twilio's default is 1),
 *     or 0 for no limit
 * @param maxConcurrent its concurrent-call limit, or 0 for none
 * @param timeoutMs one API request's timeout, ms
 * @param breaker its circuit breaker's settings
 * @param sandbox whether it is a sandbox carrier started by this node
 * @param settings non-secret provider settings ({@code from_number}, {@code host}, {@code port})
 * @param credentials secrets by name ({@code auth_token}); values were resolved from
 *     {@code env:NAME} references at load time
 */
public record CarrierConfig(String id, String provider, String baseUrl, Set<Service> services, int priority,
                            int weight, int cps, int maxConcurrent, long timeoutMs, Breaker breaker, boolean sandbox,
                            Map<String, String> settings, Map<String, String> credentials) {

    /** Copies the collections. */
    public CarrierConfig {
        services = Set.copyOf(services);
        settings = Map.copyOf(settings);
        credentials = Map.copyOf(credentials);
    }

    /**
     * A carrier's circuit breaker (vertx-circuit-breaker).
     *
     * @param maxFailures failures (errors or timeouts) that open it
     * @param resetTimeoutMs how long it stays open before letting one trial request through
     *     (half-open), ms
     */
    public record Breaker(int maxFailures, long resetTimeoutMs) {
    }

    /** @return a copy with other credentials (a sandbox account's) */
    public CarrierConfig withCredentials(Map<String, String> secrets) {
        return new CarrierConfig(id, provider, baseUrl, services, priority, weight, cps, maxConcurrent, timeoutMs,
                breaker, sandbox, settings, secrets);
    }

    /** @return a copy with another base URL */
    public CarrierConfig withBaseUrl(String url) {
        return new CarrierConfig(id, provider, url, services, priority, weight, cps, maxConcurrent, timeoutMs,
                breaker, sandbox, settings, credentials);
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "CarrierConfig[" + id + " (" + provider + (sandbox ? ", sandbox" : "") + ") services=" + services
                + " credentials=" + credentials.keySet() + "]";
    }
}
