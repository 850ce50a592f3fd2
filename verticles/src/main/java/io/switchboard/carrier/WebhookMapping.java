package io.switchboard.carrier;

import java.util.List;

/**
 * The result of mapping one genuine webhook: the normalized events it carries, the provider event
 * types nobody maps (kept, counted and ignored; never an error), and what to answer the carrier.
 *
 * @param events the normalized events, in order (often one, sometimes none)
 * @param unknownTypes provider event types or statuses not in the mapping table
 * @param reply the HTTP answer the carrier expects (TwiML, NCCO, SVAML, BXML, ...), or null for
 *     an empty {@code 200}
 */
public record WebhookMapping(List<CarrierEvent> events, List<String> unknownTypes, WebhookReply reply) {

    /** Copies the lists. */
    public WebhookMapping {
        events = List.copyOf(events);
        unknownTypes = List.copyOf(unknownTypes);
    }

    /** @return a mapping of known events with an empty 200 answer */
    public static WebhookMapping of(CarrierEvent... events) {
        return new WebhookMapping(List.of(events), List.of(), null);
    }

    /** @return a mapping of one provider event type nobody maps */
    public static WebhookMapping unknown(String type) {
        return new WebhookMapping(List.of(), List.of(type == null ? "(none)" : type), null);
    }

    /** @return this mapping with the answer the carrier expects */
    public WebhookMapping withReply(WebhookReply answer) {
        return new WebhookMapping(events, unknownTypes, answer);
    }

    /**
     * An answer body a carrier expects from a webhook (call-control instructions).
     *
     * @param status the HTTP status
     * @param contentType its content type ({@code application/xml}, {@code application/json})
     * @param body the body text
     */
    public record WebhookReply(int status, String contentType, String body) {
    }
}
