package io.switchboard.contract.event;

import java.util.Set;

/**
 * The {@code type} values of {@link EventEnvelope}s (DESIGN section 4): {@code <subject>.<what>},
 * lower case, past tense. Every call-state transition is one event.
 */
public final class EventTypes {

    /** A call was accepted and the first carrier started dialing. Data: the call and its route. */
    public static final String CALL_INITIATED = "call.initiated";
    /** One attempt failed; the router may fail over. Data: the {@code Attempt}. */
    public static final String CALL_ATTEMPT_FAILED = "call.attempt.failed";
    /** The callee is being alerted. */
    public static final String CALL_RINGING = "call.ringing";
    /** The callee answered. */
    public static final String CALL_ANSWERED = "call.answered";
    /** An answered call ended normally. Data includes duration (s) and cost. */
    public static final String CALL_COMPLETED = "call.completed";
    /**
     * The call ended without being completed (busy, no answer, rejected, canceled, failed). Data
     * carries a {@code TEL-2xx} code with {@code sip_code} / {@code q850} details.
     */
    public static final String CALL_FAILED = "call.failed";
    /** A message was accepted and queued. */
    public static final String SMS_QUEUED = "sms.queued";
    /** A carrier accepted the message. */
    public static final String SMS_SENT = "sms.sent";
    /** The carrier reported delivery to the handset. */
    public static final String SMS_DELIVERED = "sms.delivered";
    /** The message could not be sent or delivered. */
    public static final String SMS_FAILED = "sms.failed";
    /** A carrier's health state or breaker state changed. Has no tenant. */
    public static final String CARRIER_HEALTH_CHANGED = "carrier.health.changed";

    /** Every type above. */
    public static final Set<String> ALL = Set.of(CALL_INITIATED, CALL_ATTEMPT_FAILED,
            CALL_RINGING, CALL_ANSWERED, CALL_COMPLETED, CALL_FAILED, SMS_QUEUED, SMS_SENT,
            SMS_DELIVERED, SMS_FAILED, CARRIER_HEALTH_CHANGED);

    private EventTypes() {
    }
}
