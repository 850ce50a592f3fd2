package io.switchboard.sip.proxy;

import io.switchboard.sip.trunk.SipTrunk;
import java.util.Set;

/**
 * When a branch's failure moves the call to the next candidate (DESIGN §5, issue 5): a retryable
 * final response (default 408, 480, 500, 502, 503, 504; a trunk's own set overrides), a transport
 * error or the per-attempt timeout; never 404, 486, 603 or any 6xx unless a trunk lists them, never
 * once the caller canceled, and not after a 18x unless configured.
 */
public final class FailoverRules {

    private final Set<Integer> defaults;
    private final boolean afterProvisional;

    /**
     * @param defaults retryable codes of trunks without their own
     * @param afterProvisional whether failover is allowed after a 18x
     */
    public FailoverRules(Set<Integer> defaults, boolean afterProvisional) {
        this.defaults = Set.copyOf(defaults);
        this.afterProvisional = afterProvisional;
    }

    /**
     * @param trunk the trunk that answered
     * @param code its final code (3xx–6xx)
     * @return whether the code is retryable for that trunk
     */
    public boolean retryableCode(SipTrunk trunk, int code) {
        Set<Integer> codes = trunk.retrySipCodes().isEmpty() ? defaults : trunk.retrySipCodes();
        return codes.contains(code);
    }

    /**
     * @param retryableFailure whether the failure itself is retryable (code, timeout, transport)
     * @param alerted whether a 18x arrived on the branch
     * @param canceled whether the caller canceled
     * @return whether to try the next candidate
     */
    public boolean failOver(boolean retryableFailure, boolean alerted, boolean canceled) {
        return retryableFailure && !canceled && (!alerted || afterProvisional);
    }
}
