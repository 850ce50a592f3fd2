package io.switchboard.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies what a carrier reports ({@link io.switchboard.contract.bus.Addresses#CARRIER_EVENTS}: the
 * adapters' and the SIP edge's tenant-less envelopes, {@code data.state} in the normalized model) to
 * a live call or message, following the state machine of DESIGN section 4
 * ({@link CallState#canTransitionTo}; messages {@code queued → sent → delivered | failed}).
 *
 * <p>A report is ignored (empty result) when it repeats or goes back (a redelivered or late
 * webhook), when the record is already final, or when it comes from another carrier than the one
 * carrying the call (a late webhook of an attempt that was failed over must not end the call that
 * another carrier now carries), or, once the call is answered, for another carrier call id. A
 * failure report that arrives while the call is still being routed (no carrier yet: the SIP edge
 * reports an attempt it gave up) is ignored too: the router fails over or fails the call.
 *
 * <p>Before the answer, the carrier carrying the call may name it anew: Plivo accepts a call with
 * its {@code request_uuid} and its callbacks carry the call's {@code CallUUID} from the first one
 * on; the record then takes the reported id (so a hang-up addresses the call by it).
 */
public final class CallTransitions {

    private CallTransitions() {
    }

    /**
     * @param call the live record
     * @param report a carrier event whose {@code data.call_id} or {@code data.message_id} is the record's id
     * @param now the time of processing, for {@code updatedAt}
     * @return the changed record, or empty when the report changes nothing
     */
    public static Optional<CallRecord> apply(CallRecord call, EventEnvelope report, Instant now) {
        JsonNode data = report.data();
        String carrier = text(data, "carrier");
        String carrierCallId = text(data, "carrier_call_id");
        if (call.finished() || (call.carrier() != null && carrier != null && !carrier.equals(call.carrier()))) {
            return Optional.empty();
        }
        boolean renamed = call.carrierCallId() != null && carrierCallId != null
                && !carrierCallId.equals(call.carrierCallId());
        if (renamed && !(call.voice() && carrier != null && carrier.equals(call.carrier()) && !answeredYet(call))) {
            return Optional.empty();
        }
        String wire = text(data, "state");
        if (wire == null) {
            return Optional.empty();
        }
        if (call.voice() && call.carrier() == null && failure(wire)) {
            // still being routed: a failed attempt is the router's to answer (it fails over or
            // fails the call), not the end of the call
            return Optional.empty();
        }
        Optional<CallRecord> next = call.voice() ? applyCall(call, data, wire, report.occurredAt(), now)
                : applyMessage(call, data, wire, report.occurredAt(), now);
        return renamed ? next.map(c -> c.toBuilder().carrier(c.carrier(), carrierCallId).build()) : next;
    }

    private static boolean answeredYet(CallRecord call) {
        CallState state = CallState.fromWire(call.state());
        return state != CallState.QUEUED && state != CallState.INITIATED && state != CallState.RINGING;
    }

    private static boolean failure(String wire) {
        try {
            CallState state = CallState.fromWire(wire);
            return state.isFinal() && state != CallState.COMPLETED;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<CallRecord> applyCall(CallRecord call, JsonNode data, String wire, Instant at,
                                                  Instant now) {
        CallState next;
        try {
            next = CallState.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!CallState.fromWire(call.state()).canTransitionTo(next)) {
            return Optional.empty();
        }
        CallRecord.Builder b = call.toBuilder().state(next.wireName()).updatedAt(now)
                .sip(integer(data, "sip_code"), integer(data, "q850_cause"));
        if (next == CallState.ANSWERED) {
            b.answeredAt(at);
        }
        if (next.isFinal()) {
            b.endedAt(at);
            Integer reported = integer(data, "duration_s");
            if (next == CallState.COMPLETED) {
                long seconds = reported != null ? reported
                        : call.answeredAt() != null ? Math.max(0, Duration.between(call.answeredAt(), at).toSeconds()) : 0;
                b.duration((int) seconds, null);
                if (call.answeredAt() == null) {
                    b.answeredAt(at.minusSeconds(seconds));
                }
            } else {
                b.duration(0, null);
                String code = text(data, "error_code");
                b.failure(code, "carrier " + text(data, "carrier") + " reported " + text(data, "raw_status"));
            }
        }
        return Optional.of(b.build());
    }

    private static Optional<CallRecord> applyMessage(CallRecord call, JsonNode data, String wire, Instant at,
                                                     Instant now) {
        MessageState next;
        try {
            next = MessageState.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        MessageState current = MessageState.fromWire(call.state());
        if (next.ordinal() <= current.ordinal() && !(next.isFinal() && !current.isFinal())) {
            return Optional.empty();
        }
        CallRecord.Builder b = call.toBuilder().state(next.wireName()).updatedAt(now);
        if (next.isFinal()) {
            b.endedAt(at);
        }
        if (next == MessageState.FAILED) {
            String code = text(data, "carrier_code");
            b.failure("TEL-006", "carrier " + text(data, "carrier") + " reported " + text(data, "raw_status")
                    + (code != null ? " (code " + code + ")" : ""));
        }
        return Optional.of(b.build());
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.canConvertToInt() ? null : value.asInt();
    }
}
