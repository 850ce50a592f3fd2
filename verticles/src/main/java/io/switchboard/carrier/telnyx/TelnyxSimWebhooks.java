package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.contract.Json;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhooks the simulated Telnyx sends, in the shapes of the OpenAPI document's
 * {@code callInitiated}, {@code callAnswered}, {@code callHangup} and {@code deliveryUpdate}
 * webhooks, signed with the account's {@code private_key} ({@link TelnyxSignature}).
 *
 * <p>Calls: INITIATED → {@code call.initiated}, ANSWERED → {@code call.answered}, a final state →
 * {@code call.hangup} with {@code hangup_cause} ({@code normal_clearing}, {@code user_busy},
 * {@code timeout}, {@code originator_cancel}, {@code call_rejected}, else {@code unspecified}) and
 * {@code sip_hangup_cause} (the event's SIP code, or {@code "unspecified"}). QUEUED and RINGING send
 * nothing: Call Control has no ringing event. Messages: SENT → {@code message.sent}, DELIVERED and
 * FAILED → {@code message.finalized} ({@code delivered} / {@code delivery_failed} with error
 * 40008 "Undeliverable"). The event id is derived from the call id and the event, so a redelivery
 * carries the same id. Webhooks go to the request's {@code webhook_url}; without one, none are sent.
 */
final class TelnyxSimWebhooks {

    private static final Map<CallState, String> HANGUP_CAUSES = Map.of(
            CallState.COMPLETED, "normal_clearing",
            CallState.BUSY, "user_busy",
            CallState.NO_ANSWER, "timeout",
            CallState.CANCELED, "originator_cancel",
            CallState.REJECTED, "call_rejected");

    private TelnyxSimWebhooks() {
    }

    /** See the class comment; {@code now} is both {@code occurred_at} and {@code telnyx-timestamp}. */
    static List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account,
                                              Instant now) {
        String url = call.callbacks().get("status");
        if (url == null) {
            return List.of();
        }
        ObjectNode data = call.message() ? message(call, event.messageState())
                : call(call, event, account.get(TelnyxProvider.CONNECTION_ID));
        if (data == null) {
            return List.of();
        }
        String type = data.get("event_type").asText();
        String detail = call.message() ? event.messageState().name() : event.callState().name();
        data.put("id", TelnyxSimBodies.derived("event:" + type + ":" + detail, call.id()))
                .put("occurred_at", now.toString());
        ObjectNode envelope = reorder(data);
        envelope.putObject("meta").put("attempt", 1).put("delivered_to", url);
        byte[] body = TelnyxSimBodies.bytes(envelope);
        String timestamp = String.valueOf(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(TelnyxSignature.TIMESTAMP_HEADER, timestamp);
        headers.put(TelnyxSignature.SIGNATURE_HEADER,
                TelnyxSignature.sign(account.get(TelnyxSimulator.PRIVATE_KEY), timestamp, body));
        return List.of(new CarrierHttpRequest("POST", url, headers, body));
    }

    private static ObjectNode call(SimCall call, SimEvent event, String connectionId) {
        CallState state = event.callState();
        String type;
        if (state == CallState.INITIATED) {
            type = "call.initiated";
        } else if (state == CallState.ANSWERED) {
            type = "call.answered";
        } else if (state.isFinal()) {
            type = "call.hangup";
        } else {
            return null;
        }
        ObjectNode payload = TelnyxSimBodies.callData(call);
        payload.remove("record_type");
        payload.put("connection_id", connectionId).put("from", call.from()).put("to", call.to())
                .put("start_time", call.createdAt().toString());
        switch (type) {
            case "call.initiated" -> payload.put("direction", "outgoing").put("state", "bridging");
            case "call.answered" -> payload.put("state", "answered");
            default -> payload.put("state", "hangup")
                    .put("hangup_cause", HANGUP_CAUSES.getOrDefault(state, "unspecified"))
                    .put("hangup_source", state == CallState.CANCELED ? "caller" : "callee")
                    .put("sip_hangup_cause", event.sipCode() == null ? "unspecified" : event.sipCode().toString())
                    .put("end_time", (call.endedAt() == null ? call.createdAt() : call.endedAt()).toString());
        }
        ObjectNode data = Json.mapper().createObjectNode().put("event_type", type);
        data.set("payload", payload);
        return data;
    }

    private static ObjectNode message(SimCall call, MessageState state) {
        String type;
        String status;
        switch (state) {
            case SENT -> { type = "message.sent"; status = "sent"; }
            case DELIVERED -> { type = "message.finalized"; status = "delivered"; }
            case FAILED -> { type = "message.finalized"; status = "delivery_failed"; }
            default -> { return null; }
        }
        ObjectNode payload = TelnyxSimBodies.message(call, status);
        if (state == MessageState.FAILED) {
            payload.withArray("errors").addObject().put("code", "40008").put("title", "Undeliverable")
                    .put("detail", "The destination carrier did not accept the message.");
        }
        ObjectNode data = Json.mapper().createObjectNode().put("event_type", type);
        data.set("payload", payload);
        return data;
    }

    /** @return {@code {"data":{event_type, id, occurred_at, payload, record_type:"event"}}} in that order */
    private static ObjectNode reorder(ObjectNode data) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        ObjectNode ordered = envelope.putObject("data");
        ordered.set("event_type", data.get("event_type"));
        ordered.set("id", data.get("id"));
        ordered.set("occurred_at", data.get("occurred_at"));
        ordered.set("payload", data.get("payload"));
        ordered.put("record_type", "event");
        return envelope;
    }
}
