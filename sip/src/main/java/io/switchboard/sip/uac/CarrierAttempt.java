package io.switchboard.sip.uac;

import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import io.switchboard.sip.record.AttemptMapping;
import io.switchboard.sip.trunk.SipTrunk;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One router attempt ({@link AttemptRequest}) carried by a SIP trunk as a UAC call
 * ({@link TrunkCaller}): replies to the router once the attempt's outcome is known and turns the
 * dialog's progress into normalized call events.
 *
 * <p>Reply: {@code SUCCESS} (carrier call id = the INVITE's Call-ID) on the first 18x or 2xx;
 * {@code RETRYABLE_FAILURE} on a retryable SIP code or a transport error; {@code TIMEOUT} when the
 * trunk is silent; {@code FINAL_FAILURE} with {@link AttemptMapping#cause} otherwise. An SMS is
 * refused at once ({@code FINAL_FAILURE}, {@code TEL-009}).
 *
 * <p>Events, in the data shape of the carrier adapters' events ({@code call_id} = the request's call
 * id, {@code carrier}, {@code carrier_call_id}, {@code state}, {@code raw_status}, and when known
 * {@code sip_code}, {@code q850_cause}, {@code duration_s}, {@code carrier_code}, {@code error_code}):
 * {@code call.ringing}, {@code call.answered}, {@code call.completed}, {@code call.failed}.
 */
public final class CarrierAttempt implements TrunkCaller.Listener {

    private final AttemptRequest request;
    private final SipTrunk trunk;
    private final Set<Integer> retryCodes;
    private final Consumer<AttemptReply> reply;
    private final Consumer<EventEnvelope> events;
    private TrunkCaller.Call call;
    private boolean replied;
    private Integer answeredCode;

    private CarrierAttempt(AttemptRequest request, SipTrunk trunk, Set<Integer> retryCodes,
                           Consumer<AttemptReply> reply, Consumer<EventEnvelope> events) {
        this.request = request;
        this.trunk = trunk;
        this.retryCodes = trunk.retrySipCodes().isEmpty() ? retryCodes : trunk.retrySipCodes();
        this.reply = reply;
        this.events = events;
    }

    /**
     * Starts the attempt (on the edge's context).
     *
     * @param caller the edge's caller
     * @param request the router's request (service VOICE; SMS is refused)
     * @param trunk the trunk asked
     * @param retryCodes SIP codes that allow failover (router.retry-sip-codes) unless the trunk has its own
     * @param reply called exactly once with the reply for the router
     * @param events called with each event to publish
     * @return the call, or null when the request was refused at once
     */
    public static TrunkCaller.Call start(TrunkCaller caller, AttemptRequest request, SipTrunk trunk,
                                         Set<Integer> retryCodes, Consumer<AttemptReply> reply,
                                         Consumer<EventEnvelope> events) {
        if (request.service() != Service.VOICE) {
            reply.accept(new AttemptReply(AttemptOutcome.FINAL_FAILURE, null, ErrorCode.TEL_009, null, null, null,
                    "SIP trunk " + trunk.id() + " carries voice calls only"));
            return null;
        }
        CarrierAttempt attempt = new CarrierAttempt(request, trunk, retryCodes, reply, events);
        attempt.call = caller.call(trunk, request.to(), request.from(), attempt);
        return attempt.call;
    }

    @Override
    public void ringing(int sipCode, long pddMs) {
        replyOnce(AttemptReply.accepted(call.callId()));
        Map<String, Object> data = data(CallState.RINGING, sipCode + " ringing");
        data.put("sip_code", sipCode);
        data.put("pdd_ms", pddMs);
        events.accept(EventEnvelope.of(EventTypes.CALL_RINGING, Instant.now(), null, data));
    }

    @Override
    public void answered(long pddMs) {
        replyOnce(AttemptReply.accepted(call.callId()));
        answeredCode = 200;
        Map<String, Object> data = data(CallState.ANSWERED, "200 OK");
        data.put("sip_code", 200);
        data.put("pdd_ms", pddMs);
        events.accept(EventEnvelope.of(EventTypes.CALL_ANSWERED, Instant.now(), null, data));
    }

    @Override
    public void ended(boolean byTrunk, long durationMs) {
        Map<String, Object> data = data(CallState.COMPLETED, byTrunk ? "BYE from trunk" : "BYE from edge");
        data.put("sip_code", answeredCode);
        data.put("duration_s", Math.round(durationMs / 1000.0));
        data.put("duration_ms", durationMs);
        events.accept(EventEnvelope.of(EventTypes.CALL_COMPLETED, Instant.now(), null, data));
    }

    @Override
    public void failed(TrunkCaller.Failure f) {
        AttemptOutcome outcome;
        ErrorCode cause;
        switch (f.kind()) {
            case TIMEOUT -> {
                outcome = AttemptOutcome.TIMEOUT;
                cause = ErrorCode.TEL_007;
            }
            case TRANSPORT_ERROR -> {
                outcome = AttemptOutcome.RETRYABLE_FAILURE;
                cause = ErrorCode.TEL_006;
            }
            case CANCELED -> {
                outcome = AttemptOutcome.CANCELED;
                cause = ErrorCode.TEL_201;
            }
            default -> {
                boolean retryable = retryCodes.contains(f.sipCode());
                outcome = retryable ? AttemptOutcome.RETRYABLE_FAILURE : AttemptOutcome.FINAL_FAILURE;
                cause = AttemptMapping.cause(f.sipCode(), retryable);
            }
        }
        String carrierCode = f.sipCode() == null ? null : f.sipCode() + " " + f.reason();
        replyOnce(new AttemptReply(outcome, call.callId(), cause, f.sipCode(), f.q850Cause(), carrierCode, f.reason()));
        CallState state = switch (cause) {
            case TEL_202 -> CallState.BUSY;
            case TEL_203 -> CallState.NO_ANSWER;
            case TEL_204 -> CallState.REJECTED;
            default -> f.kind() == TrunkCaller.FailureKind.CANCELED ? CallState.CANCELED : CallState.FAILED;
        };
        Map<String, Object> data = data(state, f.sipCode() == null ? f.reason() : f.sipCode() + " " + f.reason());
        putIfSet(data, "sip_code", f.sipCode());
        putIfSet(data, "q850_cause", f.q850Cause());
        putIfSet(data, "carrier_code", carrierCode);
        data.put("error_code", cause.code());
        events.accept(EventEnvelope.of(EventTypes.CALL_FAILED, Instant.now(), null, data));
    }

    private void replyOnce(AttemptReply r) {
        if (!replied) {
            replied = true;
            reply.accept(r);
        }
    }

    private Map<String, Object> data(CallState state, String rawStatus) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call_id", request.callId());
        data.put("carrier", trunk.id());
        data.put("carrier_call_id", call.callId());
        data.put("state", state.wireName());
        data.put("raw_status", rawStatus);
        data.put("transport", "sip");
        return data;
    }

    private static void putIfSet(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
