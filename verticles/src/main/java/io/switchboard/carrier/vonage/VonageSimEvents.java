package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The webhook bodies a simulated Vonage sends: Voice event webhooks
 * ({@code {from,to,uuid,conversation_uuid,status,direction,timestamp,...}}) and SMS delivery
 * receipts ({@code msisdn, to, network-code, messageId, price, status, scts, err-code, api-key,
 * client-ref, message-timestamp}, signed with {@code timestamp}, {@code nonce}, {@code sig}).
 */
final class VonageSimEvents {

    private static final DateTimeFormatter SCTS = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DLR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private VonageSimEvents() {
    }

    /**
     * @return Vonage's {@code status} for a normalized call state (NO_ANSWER: {@code unanswered}
     *     on SIP 480, else {@code timeout})
     */
    static String status(CallState state, Integer sipCode) {
        return switch (state) {
            case QUEUED, INITIATED -> "started";
            case RINGING -> "ringing";
            case ANSWERED -> "answered";
            case COMPLETED -> "completed";
            case BUSY -> "busy";
            case NO_ANSWER -> sipCode != null && sipCode == 480 ? "unanswered" : "timeout";
            case CANCELED -> "cancelled";
            case REJECTED -> "rejected";
            case FAILED -> "failed";
        };
    }

    /** @return the conversation id Vonage would give the call */
    static String conversation(SimCall call) {
        return "CON-" + UUID.nameUUIDFromBytes(call.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ObjectNode callEvent(SimCall call, CallState state, Integer sipCode, Instant now) {
        ObjectNode body = CarrierJson.object().put("from", call.from().substring(1)).put("to", call.to().substring(1))
                .put("uuid", call.id()).put("conversation_uuid", conversation(call)).put("status", status(state, sipCode))
                .put("direction", "outbound").put("timestamp", now.toString());
        if (state == CallState.COMPLETED) {
            Instant start = call.answeredAt() == null ? call.createdAt() : call.answeredAt();
            body.put("start_time", start.toString()).put("end_time", (call.endedAt() == null ? now : call.endedAt()).toString())
                    .put("duration", String.valueOf(call.durationS())).put("rate", "0.01270000")
                    .put("price", "0.00000000").put("network", "310260");
        }
        if (sipCode != null && state.isFinal()) {
            body.put("sip_code", sipCode);
        }
        if (state == CallState.FAILED) {
            body.put("detail", "cannot_route");
        }
        return body;
    }

    /** @return the signed receipt parameters for {@code state}, or null for QUEUED (Vonage reports none) */
    static Map<String, String> receipt(SimCall call, MessageState state, Map<String, String> account, Instant now) {
        if (state == null || state == MessageState.QUEUED) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        params.put("msisdn", call.to().substring(1));
        params.put("to", call.from().substring(1));
        params.put("network-code", "310260");
        params.put("messageId", call.id());
        params.put("price", "0.00570000");
        params.put("status", switch (state) {
            case SENT -> "accepted";
            case DELIVERED -> "delivered";
            default -> "failed";
        });
        params.put("scts", SCTS.format(now));
        params.put("err-code", state == MessageState.FAILED ? "1" : "0");
        params.put("api-key", account.get("api_key"));
        if (call.reference() != null) {
            params.put("client-ref", call.reference());
        }
        params.put("message-timestamp", DLR_TIME.format(now));
        params.put("timestamp", String.valueOf(now.getEpochSecond()));
        params.put("nonce", UUID.nameUUIDFromBytes((call.id() + now).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        String method = account.getOrDefault("sms_signature_method", "md5hash");
        params.put("sig", VonageSmsSignature.sign(params, account.get("signature_secret"),
                VonageSmsSignature.Method.of(method)));
        return params;
    }
}
