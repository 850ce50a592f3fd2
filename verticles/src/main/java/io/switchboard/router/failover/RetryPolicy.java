package io.switchboard.router.failover;

import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.model.AttemptOutcome;
import java.util.Map;
import java.util.Set;

/**
 * Which failures move the request to the next carrier (DESIGN §5). The carrier adapter classifies
 * its own failures (HTTP 5xx, 429, timeouts and connection errors are retryable; invalid number,
 * auth and funds are final); where a reply carries a SIP response code, the router re-checks it
 * against the retryable SIP codes, which are data: a default set, overridable per carrier
 * ({@code carriers.settings.retry_sip_codes}).
 *
 * <p>Default retryable SIP codes: 408, 480, 500, 502, 503, 504. Never retried: 404, 486, 603 and
 * every 6xx, unless a carrier's own set lists them.
 */
public final class RetryPolicy {

    /** The default retryable SIP response codes. */
    public static final Set<Integer> DEFAULT_RETRYABLE_SIP = Set.of(408, 480, 500, 502, 503, 504);

    private final Set<Integer> defaults;
    private volatile Map<String, Set<Integer>> perCarrier;

    /**
     * @param defaults retryable SIP codes for carriers without their own set
     * @param perCarrier carrier id → its retryable SIP codes
     */
    public RetryPolicy(Set<Integer> defaults, Map<String, Set<Integer>> perCarrier) {
        this.defaults = Set.copyOf(defaults);
        this.perCarrier = Map.copyOf(perCarrier);
    }

    /**
     * Replaces the carriers' own codes (the carrier directory was read again); decisions see the new
     * set from now on.
     *
     * @param codes carrier id → its retryable SIP codes (carriers absent use the defaults)
     */
    public void carrierCodes(Map<String, Set<Integer>> codes) {
        this.perCarrier = Map.copyOf(codes);
    }

    /** @return the policy with the default codes for every carrier */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_RETRYABLE_SIP, Map.of());
    }

    /**
     * @param carrier the carrier that replied
     * @param reply its reply
     * @return whether the router should try the next candidate
     */
    public boolean retryable(String carrier, AttemptReply reply) {
        if (reply.outcome() == AttemptOutcome.SUCCESS || reply.outcome() == AttemptOutcome.CANCELED) {
            return false;
        }
        if (reply.sipCode() != null) {
            return perCarrier.getOrDefault(carrier, defaults).contains(reply.sipCode());
        }
        return reply.outcome() == AttemptOutcome.RETRYABLE_FAILURE || reply.outcome() == AttemptOutcome.TIMEOUT;
    }
}
