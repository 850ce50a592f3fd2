package io.switchboard.carrier;

/**
 * Reads numbers from the text fields of carrier webhooks (form parameters such as Twilio's
 * {@code CallDuration} or Exotel's {@code ConversationDuration}), leniently: a carrier that sends
 * a field empty or malformed gets no value for it rather than a refused webhook.
 */
public final class WebhookNumbers {

    private WebhookNumbers() {
    }

    /**
     * @param text the field's value, possibly null
     * @return it as a whole number (surrounding whitespace ignored), or null when it is null, blank
     *     or not a number that fits an {@code int}
     */
    public static Integer integer(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }
}
