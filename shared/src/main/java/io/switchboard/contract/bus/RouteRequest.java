package io.switchboard.contract.bus;

import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import java.math.BigDecimal;
import java.util.Set;

/**
 * One question to the router: which carriers, in which order, for this destination.
 *
 * @param requestId the caller's request id (carried into the plan and the routing log)
 * @param service the service
 * @param to the destination
 * @param tenantId the tenant, or null for an operator's question
 * @param from the caller's number, or null
 * @param preferredCarrier the request's own preferred carrier (over the tenant's), or null
 * @param avoid carriers the request excludes
 * @param maxRate the request's own rate cap (over the tenant's when lower), or null
 * @param text the message body (SMS), or null for a call
 * @param callerName the caller-id name to present (calls), or null
 * @param ringTimeoutS how long the callee may ring before the call is given up, s, or null for
 *     the carrier adapter's default
 * @param record whether the carrier should record the call
 * @param sandboxOnly whether only sandbox carriers may carry it: the request came with a test key
 *     ({@code sk_test_}); the doors set it from the verified key, never from the caller's payload
 */
public record RouteRequest(String requestId, Service service, E164 to, String tenantId, E164 from,
                           String preferredCarrier, Set<String> avoid, BigDecimal maxRate, String text,
                           String callerName, Integer ringTimeoutS, boolean record, boolean sandboxOnly) {

    /** Copies {@code avoid}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public RouteRequest {
        avoid = avoid == null ? Set.of() : Set.copyOf(avoid);
    }

    /** A question about a route only (no message text, no dial options); see the canonical constructor. */
    public RouteRequest(String requestId, Service service, E164 to, String tenantId, E164 from,
                        String preferredCarrier, Set<String> avoid, BigDecimal maxRate) {
        this(requestId, service, to, tenantId, from, preferredCarrier, avoid, maxRate, null, null, null, false, false);
    }

    /**
     * @param sandboxOnly see the canonical constructor
     * @return this request, restricted to sandbox carriers or not
     */
    public RouteRequest withSandboxOnly(boolean sandboxOnly) {
        return new RouteRequest(requestId, service, to, tenantId, from, preferredCarrier, avoid, maxRate, text,
                callerName, ringTimeoutS, record, sandboxOnly);
    }

    /** @return a request with only the essentials */
    public static RouteRequest of(String requestId, Service service, E164 to) {
        return new RouteRequest(requestId, service, to, null, null, null, Set.of(), null);
    }
}
