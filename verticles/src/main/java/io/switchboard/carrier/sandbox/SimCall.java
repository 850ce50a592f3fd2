package io.switchboard.carrier.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A call or message a sandbox carrier accepted, with what it needs to answer fetches and write
 * webhooks.
 *
 * @param id the carrier id given to it ({@link ProviderSimulator#newId})
 * @param message true for a message, false for a call
 * @param to the destination, E.164 with {@code +}
 * @param from the caller or sender
 * @param text the message text, or null
 * @param callbacks the webhook URLs the request named, by purpose
 * @param reference the correlation value the request carried, or null
 * @param status its current normalized state, as the wire name of {@code CallState} or
 *     {@code MessageState} ({@code queued}, {@code ringing}, {@code answered}, {@code completed},
 *     {@code busy}, {@code no_answer}, {@code canceled}, {@code failed}; {@code sent},
 *     {@code delivered}): the engine sets it, a simulator maps it to the provider's word
 * @param createdAt when it was accepted
 * @param answeredAt when it was answered, or null
 * @param endedAt when it ended, or null
 */
public record SimCall(String id, boolean message, String to, String from, String text, Map<String, String> callbacks,
                      String reference, String status, Instant createdAt, Instant answeredAt, Instant endedAt) {

    /** Copies the callbacks. */
    public SimCall {
        callbacks = Map.copyOf(callbacks);
    }

    /** @return this call with another status and times (nulls keep the current times) */
    public SimCall advance(String newStatus, Instant answered, Instant ended) {
        return new SimCall(id, message, to, from, text, callbacks, reference, newStatus,
                createdAt, answered == null ? answeredAt : answered, ended == null ? endedAt : ended);
    }

    /** @return the call's duration from answer to end in whole seconds, or 0 if it was not answered */
    public int durationS() {
        return answeredAt == null || endedAt == null ? 0
                : (int) Math.max(0, java.time.Duration.between(answeredAt, endedAt).toSeconds());
    }
}
