package io.switchboard.carrier;

import io.switchboard.contract.model.E164;

/**
 * A text message to send through one carrier: one attempt of one Switchboard message.
 *
 * @param messageId Switchboard's message id; the provider puts it where its delivery receipts
 *     bring it back (the status-callback URL path, or a client reference)
 * @param sequence the attempt's number within the message, 1-based
 * @param to the recipient
 * @param from the sender (a number; alphanumeric sender ids are not supported yet)
 * @param body the text, UTF-8
 */
public record OutboundMessage(String messageId, int sequence, E164 to, E164 from, String body) {
}
