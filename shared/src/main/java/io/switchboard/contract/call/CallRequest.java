package io.switchboard.contract.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.model.E164;
import java.util.Objects;

/**
 * {@code POST /v1/calls} as the http-api validated it, sent to
 * {@link io.switchboard.contract.bus.Addresses#CALLS_CREATE}; the reply is the {@link CallRecord}
 * after routing (state {@code initiated}), or a failure with a TEL code whose details carry the
 * {@code call_id} of the failed (and recorded) call.
 *
 * @param tenantId the tenant placing the call (a UUID)
 * @param requestId the HTTP request id, for logs
 * @param to the callee
 * @param from the caller id, or null for the carrier account's default number
 * @param callerName caller-id name (at most 32 characters), or null
 * @param timeoutS ring timeout, s (1..600), or null for the carrier default
 * @param record whether the carrier should record the call
 * @param statusCallback the URL for this call's signed webhooks, or null
 * @param metadata the tenant's own JSON object, or null
 * @param sandboxOnly whether only sandbox carriers may carry it (placed with a {@code sk_test_} key);
 *     set by the doors from the verified key
 */
public record CallRequest(String tenantId, String requestId, E164 to, E164 from, String callerName, Integer timeoutS,
                          boolean record, String statusCallback, JsonNode metadata, boolean sandboxOnly) {

    /** @throws NullPointerException if {@code tenantId} or {@code to} is null */
    @com.fasterxml.jackson.annotation.JsonCreator
    public CallRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(to, "to");
    }

    /** A request any carrier may carry (a live key's); see the canonical constructor. */
    public CallRequest(String tenantId, String requestId, E164 to, E164 from, String callerName, Integer timeoutS,
                       boolean record, String statusCallback, JsonNode metadata) {
        this(tenantId, requestId, to, from, callerName, timeoutS, record, statusCallback, metadata, false);
    }

    /**
     * @param sandboxOnly see the canonical constructor
     * @return this request, restricted to sandbox carriers or not
     */
    public CallRequest withSandboxOnly(boolean sandboxOnly) {
        return new CallRequest(tenantId, requestId, to, from, callerName, timeoutS, record, statusCallback, metadata,
                sandboxOnly);
    }
}
