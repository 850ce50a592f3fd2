package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.util.Map;

/**
 * The callback bodies a simulated Bandwidth sends, in the shapes of the OpenAPI schemas
 * {@code answerCallback}, {@code disconnectCallback} and {@code statusCallback} (times ISO-8601 UTC).
 */
final class BandwidthSimEvents {

    private BandwidthSimEvents() {
    }

    static ObjectNode answer(SimCall call, Map<String, String> account, Instant now) {
        ObjectNode body = common("answer", call, account, now);
        body.put("answerTime", (call.answeredAt() == null ? now : call.answeredAt()).toString());
        return body;
    }

    /** @param sipCode the SIP final response, or null; sent as {@code sipResponseCode} when not 200 */
    static ObjectNode disconnect(SimCall call, CallState state, Integer sipCode, Map<String, String> account, Instant now) {
        ObjectNode body = common("disconnect", call, account, now);
        if (call.answeredAt() != null) {
            body.put("answerTime", call.answeredAt().toString());
        }
        body.put("endTime", (call.endedAt() == null ? now : call.endedAt()).toString());
        String cause = cause(state);
        body.put("cause", cause);
        if ("error".equals(cause)) {
            body.put("errorMessage", "Call failed in the sandbox carrier").put("errorId", call.id() + "-error");
        }
        if (sipCode != null && sipCode != 200) {
            body.put("sipResponseCode", sipCode);
        }
        return body;
    }

    /** @return Bandwidth's disconnect {@code cause} for a final state */
    static String cause(CallState state) {
        return switch (state) {
            case COMPLETED -> "hangup";
            case BUSY -> "busy";
            case NO_ANSWER -> "timeout";
            case CANCELED -> "cancel";
            case REJECTED -> "rejected";
            default -> "error";
        };
    }

    /** @return the status callback for {@code state}, or null for a state Bandwidth reports none for (QUEUED) */
    static ObjectNode messageStatus(SimCall call, MessageState state, Map<String, String> account, Instant now) {
        if (state == null || state == MessageState.QUEUED) {
            return null;
        }
        String type = switch (state) {
            case SENT -> "message-sent";
            case DELIVERED -> "message-delivered";
            default -> "message-failed";
        };
        ObjectNode body = CarrierJson.object().put("time", now.toString()).put("type", type).put("to", call.to())
                .put("description", switch (state) {
                    case SENT -> "Message sent to carrier";
                    case DELIVERED -> "Message delivered to handset.";
                    default -> "rejected-unallocated-to-number";
                });
        if (state == MessageState.FAILED) {
            body.put("errorCode", 4720);
        }
        ObjectNode message = body.putObject("message");
        message.put("id", call.id()).put("owner", call.from())
                .put("applicationId", account.getOrDefault("messaging_application_id", account.get("application_id")))
                .put("time", call.createdAt().toString()).put("segmentCount", 1).put("direction", "out");
        message.putArray("to").add(call.to());
        message.put("from", call.from()).put("text", "");
        if (call.reference() != null) {
            message.put("tag", call.reference());
        }
        return body;
    }

    private static ObjectNode common(String eventType, SimCall call, Map<String, String> account, Instant now) {
        String accountId = account.get("account_id");
        ObjectNode body = CarrierJson.object().put("eventType", eventType).put("eventTime", now.toString())
                .put("accountId", accountId).put("applicationId", account.get("application_id"))
                .put("from", call.from()).put("to", call.to()).put("direction", "outbound").put("callId", call.id())
                .put("callUrl", BandwidthProvider.VOICE_BASE_URL + "/api/v2/accounts/" + accountId + "/calls/" + call.id())
                .put("enqueuedTime", call.createdAt().toString()).put("startTime", call.createdAt().toString());
        if (call.reference() != null) {
            body.put("tag", call.reference());
        }
        return body;
    }
}
