package io.switchboard.contract.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.model.E164;
import java.util.Objects;

/**
 * {@code POST /v1/messages} (SMS) as the http-api validated it, sent to
 * {@link io.switchboard.contract.bus.Addresses#MESSAGES_SEND}; the reply is the message's
 * {@link CallRecord} (state {@code sent} once a carrier accepted it), or a failure with a TEL code
 * whose details carry the {@code message_id}.
 *
 * @param tenantId the tenant sending (a UUID)
 * @param requestId the HTTP request id, for logs
 * @param to the recipient
 * @param from the sender number, or null for the carrier account's default
 * @param body the text (1..1600 characters)
 * @param statusCallback the URL for this message's signed webhooks, or null
 * @param metadata the tenant's own JSON object, or null
 * @param sandboxOnly whether only sandbox carriers may carry it (sent with a {@code sk_test_} key);
 *     set by the doors from the verified key
 */
public record MessageRequest(String tenantId, String requestId, E164 to, E164 from, String body,
                             String statusCallback, JsonNode metadata, boolean sandboxOnly) {

    /** @throws NullPointerException if {@code tenantId}, {@code to} or {@code body} is null */
    @com.fasterxml.jackson.annotation.JsonCreator
    public MessageRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
    }

    /** A request any carrier may carry (a live key's); see the canonical constructor. */
    public MessageRequest(String tenantId, String requestId, E164 to, E164 from, String body, String statusCallback,
                          JsonNode metadata) {
        this(tenantId, requestId, to, from, body, statusCallback, metadata, false);
    }

    /**
     * @param sandboxOnly see the canonical constructor
     * @return this request, restricted to sandbox carriers or not
     */
    public MessageRequest withSandboxOnly(boolean sandboxOnly) {
        return new MessageRequest(tenantId, requestId, to, from, body, statusCallback, metadata, sandboxOnly);
    }
}
