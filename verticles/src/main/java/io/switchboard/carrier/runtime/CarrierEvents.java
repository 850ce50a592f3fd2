package io.switchboard.carrier.runtime;

import io.switchboard.carrier.CarrierEvent;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.contract.model.CallState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a provider's normalized {@link CarrierEvent} into the public event envelope (DESIGN
 * section 4): {@code call.initiated|ringing|answered|completed}, {@code call.failed} with a
 * {@code TEL-2xx} code for busy, no answer, rejected, canceled and failed, and
 * {@code sms.queued|sent|delivered|failed}.
 *
 * <p>Data fields: {@code call_id} or {@code message_id}, {@code carrier}, {@code carrier_call_id},
 * {@code state}, {@code raw_status}, and when known {@code sip_code}, {@code q850_cause},
 * {@code duration_s}, {@code carrier_code}, {@code error_code}. The tenant is not in a carrier's
 * webhook; it is null here (the call lifecycle adds it).
 */
public final class CarrierEvents {

    private CarrierEvents() {
    }

    /** @return the envelope for {@code event} received from {@code carrier} */
    public static EventEnvelope envelope(String carrier, CarrierEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean call = event.callState() != null;
        data.put(call ? "call_id" : "message_id", event.id());
        data.put("carrier", carrier);
        data.put("carrier_call_id", event.carrierCallId());
        data.put("state", call ? event.callState().wireName() : event.messageState().wireName());
        data.put("raw_status", event.rawStatus());
        putIfSet(data, "sip_code", event.sipCode());
        putIfSet(data, "q850_cause", event.q850Cause());
        putIfSet(data, "duration_s", event.durationS());
        putIfSet(data, "carrier_code", event.carrierCode());
        String type = call ? callType(event.callState()) : messageType(event);
        ErrorCode code = call ? failureCode(event.callState()) : null;
        putIfSet(data, "error_code", code == null ? null : code.code());
        return EventEnvelope.of(type, event.occurredAt(), null, data);
    }

    private static void putIfSet(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String callType(CallState state) {
        return switch (state) {
            case QUEUED, INITIATED -> EventTypes.CALL_INITIATED;
            case RINGING -> EventTypes.CALL_RINGING;
            case ANSWERED -> EventTypes.CALL_ANSWERED;
            case COMPLETED -> EventTypes.CALL_COMPLETED;
            case BUSY, NO_ANSWER, CANCELED, REJECTED, FAILED -> EventTypes.CALL_FAILED;
        };
    }

    private static ErrorCode failureCode(CallState state) {
        return switch (state) {
            case BUSY -> ErrorCode.TEL_202;
            case NO_ANSWER -> ErrorCode.TEL_203;
            case REJECTED -> ErrorCode.TEL_204;
            case CANCELED, FAILED -> ErrorCode.TEL_201;
            default -> null;
        };
    }

    private static String messageType(CarrierEvent event) {
        return switch (event.messageState()) {
            case QUEUED -> EventTypes.SMS_QUEUED;
            case SENT -> EventTypes.SMS_SENT;
            case DELIVERED -> EventTypes.SMS_DELIVERED;
            case FAILED -> EventTypes.SMS_FAILED;
        };
    }
}
