package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.contract.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The response bodies of the simulated Telnyx API, in the shapes of the OpenAPI document
 * (team-telnyx/openapi {@code spec3.json}): {@code RetrieveCallStatusResponse},
 * {@code MessageResponse}, {@code CallControlCommandResponse}, the balance resource and
 * {@code call-control_Errors}. Amounts are decimal strings, as Telnyx sends them.
 */
final class TelnyxSimBodies {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private TelnyxSimBodies() {
    }

    /**
     * @return 200 {@code {"data":{call_control_id, call_leg_id, call_session_id, is_alive:false,
     *     record_type:"call"}}} for a call, {@code {"data":<OutboundMessagePayload>}} for a message
     */
    static CarrierHttpResponse accepted(SimCall call) {
        if (call.message()) {
            return ok(Json.mapper().createObjectNode().set("data", message(call, "queued")));
        }
        ObjectNode data = callData(call).put("is_alive", false);
        return ok(Json.mapper().createObjectNode().set("data", data));
    }

    /** @return 200 with the call's data, {@code is_alive} until it ends, and {@code call_duration} in seconds */
    static CarrierHttpResponse fetched(SimCall call) {
        if (call.message()) {
            return ok(Json.mapper().createObjectNode().set("data", message(call, call.status())));
        }
        ObjectNode data = callData(call)
                .put("is_alive", call.endedAt() == null)
                .put("call_duration", call.durationS())
                .put("start_time", call.createdAt().toString());
        if (call.endedAt() != null) {
            data.put("end_time", call.endedAt().toString());
        }
        return ok(Json.mapper().createObjectNode().set("data", data));
    }

    /** @return 200 {@code {"data":{"result":"ok"}}} */
    static CarrierHttpResponse hungUp() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("data").put("result", "ok");
        return ok(body);
    }

    /** @return 200 with a balance resource (strings: {@code "100.00"} USD) */
    static CarrierHttpResponse balance() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("data").put("record_type", "balance").put("balance", "100.00").put("credit_limit", "0.00")
                .put("available_credit", "100.00").put("pending", "0.00").put("currency", "USD");
        return ok(body);
    }

    /**
     * @return Telnyx's error for {@code error}: 401 code 10009, 422 code 10004 (missing parameter),
     *     422 code 10016 (number not +E.164), 404 code 10005, 429 code 10011 with
     *     {@code x-ratelimit-*} headers (reset in 1 s), 503 code 10007
     */
    static CarrierHttpResponse error(SimError error) {
        String code;
        String title;
        int status;
        Map<String, List<String>> headers = JSON;
        switch (error.kind()) {
            case UNAUTHORIZED -> { code = "10009"; title = "Authentication failed"; status = 401; }
            case INVALID_REQUEST -> { code = "10004"; title = "Missing required parameter"; status = 422; }
            case INVALID_NUMBER -> { code = "10016"; title = "Phone number must be in +E164 format"; status = 422; }
            case NOT_FOUND -> { code = "10005"; title = "Resource not found"; status = 404; }
            case RATE_LIMITED -> {
                code = "10011";
                title = "Too many requests";
                status = 429;
                headers = Map.of("Content-Type", List.of("application/json"), "x-ratelimit-limit", List.of("5, 5;w=1"),
                        "x-ratelimit-remaining", List.of("0"), "x-ratelimit-reset", List.of("1"));
            }
            default -> { code = "10007"; title = "Service unavailable"; status = 503; }
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("title", title).put("detail", error.detail());
        return new CarrierHttpResponse(status, headers, bytes(body));
    }

    /** @return the call's ids: {@code call_control_id}, and leg and session UUIDs derived from it */
    static ObjectNode callData(SimCall call) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("record_type", "call")
                .put("call_control_id", call.id())
                .put("call_leg_id", derived("leg", call.id()))
                .put("call_session_id", derived("session", call.id()));
        if (call.reference() != null) {
            data.put("client_state", call.reference());
        }
        return data;
    }

    /** @return an {@code OutboundMessagePayload} with {@code to[0].status} = {@code status} */
    static ObjectNode message(SimCall call, String status) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("record_type", "message").put("direction", "outbound").put("id", call.id()).put("type", "SMS");
        data.putObject("from").put("phone_number", call.from());
        data.putArray("to").addObject().put("phone_number", call.to()).put("status", status);
        data.put("text", call.text()).put("encoding", "GSM-7").put("parts", 1)
                .put("received_at", call.createdAt().toString());
        String webhook = call.callbacks().get("status");
        if (webhook != null) {
            data.put("webhook_url", webhook);
        }
        data.putArray("errors");
        return data;
    }

    /** @return a UUID that is the same for the same purpose and call id */
    static String derived(String purpose, String id) {
        return UUID.nameUUIDFromBytes((purpose + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Telnyx body", e);
        }
    }

    private static CarrierHttpResponse ok(ObjectNode body) {
        return new CarrierHttpResponse(200, JSON, bytes(body));
    }
}
