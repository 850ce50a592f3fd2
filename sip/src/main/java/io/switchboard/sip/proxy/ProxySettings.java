package io.switchboard.sip.proxy;

import io.switchboard.sip.protect.Acl;
import java.util.Set;

/**
 * The routing proxy's policy.
 *
 * @param attemptTimeoutMs how long one branch may stay without any response (not even 100 Trying)
 *     before the next candidate is tried (Kamailio's {@code fr_timer}), ms
 * @param ringTimeoutMs how long a branch may stay without a final response after its first
 *     provisional response (Kamailio's {@code fr_inv_timer}); then it is canceled, and the next
 *     candidate is tried only if it never rang, ms
 * @param failoverAfterProvisional whether a retryable final response after a 18x still fails over
 *     (default false: the callee was alerted)
 * @param retrySipCodes default retryable final codes (408, 480, 500, 502, 503, 504); a trunk's own
 *     set overrides them
 * @param acl sources allowed to send new calls (others get 403)
 */
public record ProxySettings(long attemptTimeoutMs, long ringTimeoutMs, boolean failoverAfterProvisional,
                            Set<Integer> retrySipCodes, Acl acl) {

    /** The default retryable SIP codes (DESIGN §5). */
    public static final Set<Integer> DEFAULT_RETRY_CODES = Set.of(408, 480, 500, 502, 503, 504);

    /** Copies the code set. */
    public ProxySettings {
        retrySipCodes = Set.copyOf(retrySipCodes);
    }
}
