package io.switchboard.sip.record;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a {@link SipAttempt} to the contract's {@link Attempt} (DESIGN §4) and to the data of its
 * event. SIP codes to normalized causes: 486/600 busy ({@code TEL-202}); 480/408 and timeouts no
 * answer or timeout ({@code TEL-203}, {@code TEL-007}); 403/603/6xx rejected ({@code TEL-204});
 * 404/484/604 not reachable ({@code TEL-002}); other failures carrier error ({@code TEL-006}) when
 * retryable, call failed ({@code TEL-201}) otherwise; 487 is {@code CANCELED}.
 */
public final class AttemptMapping {

    private AttemptMapping() {
    }

    /**
     * @param a a finished attempt
     * @return the contract attempt: outcome, cause, SIP code, Q.850 cause, carrier code
     *     ({@code "<code> <reason>"} or the local failure), carrier call id (the Call-ID), post-dial
     *     delay
     */
    public static Attempt toAttempt(SipAttempt a) {
        AttemptOutcome outcome;
        ErrorCode cause;
        switch (a.kind()) {
            case ANSWERED -> {
                outcome = AttemptOutcome.SUCCESS;
                cause = null;
            }
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
                cause = null;
            }
            default -> {
                outcome = a.retryable() ? AttemptOutcome.RETRYABLE_FAILURE : AttemptOutcome.FINAL_FAILURE;
                cause = cause(a.sipCode() == null ? 500 : a.sipCode(), a.retryable());
            }
        }
        String carrierCode = a.sipCode() == null ? a.reason() : a.sipCode() + " " + a.reason();
        return new Attempt(a.attemptId(), a.callId(), a.carrier(), a.sequence(), a.startedAt(), a.endedAt(), outcome,
                cause, a.sipCode(), a.q850Cause(), carrierCode, a.callId(), null, null, a.pddMs());
    }

    /**
     * @param code a 3xx–6xx SIP code
     * @param retryable whether it was retryable
     * @return its normalized cause
     */
    public static ErrorCode cause(int code, boolean retryable) {
        return switch (code) {
            case 486, 600 -> ErrorCode.TEL_202;
            case 480 -> ErrorCode.TEL_203;
            case 408 -> ErrorCode.TEL_007;
            case 403, 603 -> ErrorCode.TEL_204;
            case 404, 484, 604 -> ErrorCode.TEL_002;
            default -> code >= 600 ? ErrorCode.TEL_204 : retryable ? ErrorCode.TEL_006 : ErrorCode.TEL_201;
        };
    }

    /**
     * @param a an attempt
     * @return the data of its event ({@code call.attempt.failed}, {@code call.answered},
     *     {@code call.completed}): the contract attempt's fields in snake case plus
     *     {@code reason}, {@code pdd_ms}, {@code duration_ms}, {@code transport: "sip"}
     */
    public static Map<String, Object> eventData(SipAttempt a) {
        Attempt contract = toAttempt(a);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt_id", a.attemptId());
        data.put("call_id", a.callId());
        data.put("carrier", a.carrier());
        data.put("sequence", a.sequence());
        data.put("started_at", a.startedAt().toString());
        data.put("ended_at", a.endedAt() == null ? null : a.endedAt().toString());
        data.put("outcome", contract.outcome() == null ? null : contract.outcome().wireName());
        data.put("cause", contract.cause() == null ? null : contract.cause().code());
        data.put("sip_code", a.sipCode());
        data.put("reason", a.reason());
        data.put("q850_cause", a.q850Cause());
        data.put("pdd_ms", a.pddMs());
        data.put("answered_at", a.answeredAt() == null ? null : a.answeredAt().toString());
        data.put("duration_ms", a.durationMs());
        data.put("transport", "sip");
        return data;
    }
}
