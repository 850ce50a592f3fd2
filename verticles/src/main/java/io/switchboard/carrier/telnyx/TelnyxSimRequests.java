package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import java.io.IOException;
import java.util.Map;

/**
 * How the simulated Telnyx API reads the bodies of Dial ({@code POST /v2/calls}) and Send Message
 * ({@code POST /v2/messages}): required fields as the OpenAPI document's {@code CallRequest} and
 * {@code CreateMessageRequest} (plus {@code text} for an SMS), errors worded as Telnyx's 10004
 * ("The 'to' parameter is required and cannot be blank.") and 10016 examples.
 */
final class TelnyxSimRequests {

    private TelnyxSimRequests() {
    }

    /**
     * @return CREATE_CALL with {@code to}, {@code from}, the {@code webhook_url} as the {@code status}
     *     callback and {@code client_state} as the reference; or refused: a missing
     *     {@code connection_id}/{@code to}/{@code from} (INVALID_REQUEST naming it), another
     *     account's {@code connection_id} (INVALID_REQUEST), a {@code to} not +E.164 (INVALID_NUMBER)
     */
    static SimOperation createCall(CarrierHttpRequest request, Map<String, String> account) {
        JsonNode body = body(request);
        String missing = missing(body, "connection_id", "to", "from");
        if (missing != null) {
            return invalid(Kind.CREATE_CALL, missing);
        }
        if (!body.get("connection_id").asText().equals(account.get(TelnyxProvider.CONNECTION_ID))) {
            return SimOperation.refused(Kind.CREATE_CALL, new SimError(SimError.Kind.INVALID_REQUEST,
                    "connection_id: no Call Control App with this id"));
        }
        String to = body.get("to").asText();
        if (!isE164(to)) {
            return SimOperation.refused(Kind.CREATE_CALL, new SimError(SimError.Kind.INVALID_NUMBER,
                    "The 'to' parameter must be in E164 format."));
        }
        String webhook = body.path("webhook_url").asText(null);
        return new SimOperation(Kind.CREATE_CALL, null, to, body.get("from").asText(), null,
                webhook == null ? Map.of() : Map.of("status", webhook), body.path("client_state").asText(null), null);
    }

    /**
     * @return SEND_MESSAGE with {@code to}, {@code from}, {@code text} and the {@code webhook_url} as
     *     the {@code status} callback; or refused: a missing {@code to}/{@code from}/{@code text}
     *     (INVALID_REQUEST naming it), a {@code to} not +E.164 (INVALID_NUMBER)
     */
    static SimOperation sendMessage(CarrierHttpRequest request) {
        JsonNode body = body(request);
        String missing = missing(body, "to", "from", "text");
        if (missing != null) {
            return invalid(Kind.SEND_MESSAGE, missing);
        }
        String to = body.get("to").asText();
        if (!isE164(to)) {
            return SimOperation.refused(Kind.SEND_MESSAGE, new SimError(SimError.Kind.INVALID_NUMBER,
                    "The 'to' address should be a single valid number."));
        }
        String webhook = body.path("webhook_url").asText(null);
        return new SimOperation(Kind.SEND_MESSAGE, null, to, body.get("from").asText(), body.get("text").asText(),
                webhook == null ? Map.of() : Map.of("status", webhook), null, null);
    }

    private static JsonNode body(CarrierHttpRequest request) {
        try {
            JsonNode body = Json.mapper().readTree(request.body());
            return body == null ? Json.mapper().createObjectNode() : body;
        } catch (IOException notJson) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String missing(JsonNode body, String... fields) {
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return field;
            }
        }
        return null;
    }

    private static SimOperation invalid(Kind kind, String field) {
        return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST,
                "The '" + field + "' parameter is required and cannot be blank."));
    }

    private static boolean isE164(String number) {
        if (!number.startsWith("+")) {
            return false;
        }
        try {
            E164.parse("to", number);
            return true;
        } catch (SwitchboardException invalid) {
            return false;
        }
    }
}
