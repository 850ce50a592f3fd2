package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.InboundWebhook;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Vonage's own webhook parameter reading; general JSON helpers are in {@link CarrierJson}. */
final class VonageJson {

    private VonageJson() {
    }

    /**
     * The parameters of an SMS API webhook (delivery receipt), as Vonage's signature covers them:
     * the top-level fields of a JSON body ({@code Content-Type: application/json}), otherwise the
     * query and form parameters (first value of each; form wins).
     *
     * @throws IllegalArgumentException when a JSON body is not a JSON object
     */
    static Map<String, String> params(InboundWebhook webhook) {
        Map<String, String> params = new TreeMap<>();
        String type = webhook.header("content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonNode body = CarrierJson.read(webhook.body());
            if (!body.isObject()) {
                throw new IllegalArgumentException("delivery receipt is not a JSON object");
            }
            body.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    params.put(field.getKey(), field.getValue().asText());
                }
            });
            return params;
        }
        webhook.query().forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        webhook.form().forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        return params;
    }
}
