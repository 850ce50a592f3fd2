package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The callback bodies a simulated Sinch sends: ACE and DiCE voice events (shapes of sinch-sdk-java's
 * {@code AnsweredCallEventDto} / {@code DisconnectedCallEventDto}) and SMS recipient delivery
 * reports. Money fields are decimals, never doubles.
 */
final class SinchSimEvents {

    private SinchSimEvents() {
    }

    /** @return DiCE {@code {result, reason}} for a final state */
    static String[] dice(CallState state) {
        return switch (state) {
            case COMPLETED -> new String[] {"ANSWERED", "CALLEEHANGUP"};
            case BUSY -> new String[] {"BUSY", "N/A"};
            case NO_ANSWER -> new String[] {"NOANSWER", "TIMEOUT"};
            case CANCELED -> new String[] {"NOANSWER", "CANCEL"};
            case REJECTED -> new String[] {"FAILED", "N/A"};
            default -> new String[] {"FAILED", "GENERALERROR"};
        };
    }

    static ObjectNode ace(SimCall call, Map<String, String> account, Instant now) {
        ObjectNode body = common("ace", call, account, now);
        body.putObject("amd").put("status", "human").put("reason", "longgreeting").put("duration", 0);
        return body;
    }

    static ObjectNode dice(SimCall call, CallState state, Map<String, String> account, Instant now) {
        String[] resultReason = dice(state);
        ObjectNode body = common("dice", call, account, now).put("reason", resultReason[1]).put("result", resultReason[0]);
        body.putObject("debit").put("currencyId", "USD").put("amount", new BigDecimal("0.0000"));
        body.putObject("userRate").put("currencyId", "USD").put("amount", new BigDecimal("0.0127"));
        body.putObject("to").put("type", "number").put("endpoint", call.to());
        body.put("duration", state == CallState.COMPLETED ? call.durationS() : 0).put("from", call.from());
        return body;
    }

    /** @return the delivery report for {@code state} (QUEUED {@code Queued}/400, SENT {@code Dispatched}/401, ...) */
    static ObjectNode report(SimCall call, MessageState state, Instant now) {
        String status = switch (state) {
            case QUEUED -> "Queued";
            case SENT -> "Dispatched";
            case DELIVERED -> "Delivered";
            case FAILED -> "Failed";
        };
        int code = switch (state) {
            case QUEUED -> 400;
            case SENT -> 401;
            case DELIVERED -> 0;
            case FAILED -> 402;
        };
        ObjectNode body = CarrierJson.object().put("type", "recipient_delivery_report_sms").put("batch_id", call.id())
                .put("recipient", call.to()).put("code", code).put("status", status).put("at", now.toString())
                .put("operator_status_at", now.toString());
        if (call.reference() != null) {
            body.put("client_reference", call.reference());
        }
        return body.put("applied_originator", call.from()).put("number_of_message_parts", 1).put("encoding", "GSM");
    }

    private static ObjectNode common(String event, SimCall call, Map<String, String> account, Instant now) {
        ObjectNode body = CarrierJson.object().put("event", event).put("callid", call.id())
                .put("timestamp", now.toString()).put("version", 1);
        if (call.reference() != null) {
            body.put("custom", call.reference());
        }
        return body.put("applicationKey", account.get("application_key"));
    }
}
