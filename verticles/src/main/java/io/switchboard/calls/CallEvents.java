package io.switchboard.calls;

import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's events of a call or message (DESIGN section 4): the type that a record's state
 * announces ({@code call.initiated|ringing|answered|completed|failed},
 * {@code sms.queued|sent|delivered|failed}) and the event's {@code data}: {@code call_id} or
 * {@code message_id}, {@code state}, {@code direction}, {@code from}, {@code to}, {@code carrier},
 * {@code carrier_call_id}, {@code status_callback}, {@code metadata}, the timestamps, and once final
 * {@code duration_s}, {@code billed_seconds}, {@code cost} ({@code {"amount":"0.012000","currency":"USD"}}),
 * {@code error_code}, {@code failure_reason}, {@code sip_code}, {@code q850_cause} and
 * {@code attempt_count}. Absent values are left out.
 */
public final class CallEvents {

    private CallEvents() {
    }

    /** @return the event announcing {@code call}'s current state, dated {@code at} */
    public static EventEnvelope of(CallRecord call, Instant at) {
        return EventEnvelope.of(type(call), at, call.tenantId(), data(call));
    }

    /** @return the event type for the record's state */
    public static String type(CallRecord call) {
        if (!call.voice()) {
            return switch (MessageState.fromWire(call.state())) {
                case QUEUED -> EventTypes.SMS_QUEUED;
                case SENT -> EventTypes.SMS_SENT;
                case DELIVERED -> EventTypes.SMS_DELIVERED;
                case FAILED -> EventTypes.SMS_FAILED;
            };
        }
        return switch (CallState.fromWire(call.state())) {
            case QUEUED, INITIATED -> EventTypes.CALL_INITIATED;
            case RINGING -> EventTypes.CALL_RINGING;
            case ANSWERED -> EventTypes.CALL_ANSWERED;
            case COMPLETED -> EventTypes.CALL_COMPLETED;
            case BUSY, NO_ANSWER, CANCELED, REJECTED, FAILED -> EventTypes.CALL_FAILED;
        };
    }

    private static Map<String, Object> data(CallRecord call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(call.voice() ? "call_id" : "message_id", call.id());
        data.put("state", call.state());
        data.put("direction", call.direction());
        put(data, "from", call.from());
        data.put("to", call.to());
        put(data, "carrier", call.carrier());
        put(data, "carrier_call_id", call.carrierCallId());
        put(data, "segments", call.segments());
        put(data, "status_callback", call.statusCallback());
        put(data, "metadata", call.metadata());
        data.put("created_at", call.createdAt());
        put(data, "answered_at", call.answeredAt());
        put(data, "ended_at", call.endedAt());
        put(data, "duration_s", call.durationS());
        put(data, "billed_seconds", call.billedSeconds());
        put(data, "cost", call.cost());
        put(data, "error_code", call.errorCode());
        put(data, "failure_reason", call.failureReason());
        put(data, "sip_code", call.sipCode());
        put(data, "q850_cause", call.q850Cause());
        data.put("attempt_count", call.attempts().size());
        return data;
    }

    private static void put(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
