package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The normalized state of a call (DESIGN section 4; provider words are mapped to it by each carrier
 * adapter, see the state-mapping table of {@code ../shared/reference/carrier-wire-formats.md}).
 * JSON: lower snake case, {@code "no_answer"}.
 *
 * <p>Lifecycle: {@code QUEUED -> INITIATED -> RINGING -> ANSWERED -> COMPLETED}, or a final
 * failure.
 * {@link #canTransitionTo} encodes the allowed moves:
 * <ul>
 *   <li>progress only goes forward, and may skip states, because carriers skip events (Telnyx
 *       sends no ringing event, Twilio by default only reports {@code completed});</li>
 *   <li>{@link #COMPLETED} (a connected call that ended) is reachable from every non-final state,
 *       since a carrier may report it as its first event; it implies the call was answered;</li>
 *   <li>{@link #BUSY}, {@link #NO_ANSWER}, {@link #REJECTED} and {@link #CANCELED} describe a call
 *       that was never answered, so they are reachable only before {@link #ANSWERED} (hanging up
 *       an answered call is {@code COMPLETED});</li>
 *   <li>{@link #FAILED} is reachable from every non-final state, including {@code ANSWERED}
 *       (e.g. media or carrier failure mid-call);</li>
 *   <li>final states are terminal, and a state never transitions to itself (a repeated webhook is
 *       a duplicate, not a transition).</li>
 * </ul>
 */
public enum CallState {
    /** Accepted by Switchboard or the carrier, not yet dialed. */
    QUEUED(0),
    /** The carrier started dialing. */
    INITIATED(1),
    /** The callee is being alerted (SIP 180/183). */
    RINGING(2),
    /** The callee answered (SIP 200 to the INVITE); the call is in progress. */
    ANSWERED(3),
    /** Final: an answered call ended normally. */
    COMPLETED(-1),
    /** Final: the callee was busy (SIP 486). */
    BUSY(-1),
    /** Final: nobody answered (SIP 480 / 408 / ring timeout). */
    NO_ANSWER(-1),
    /** Final: the caller or the API canceled the call before it was answered. */
    CANCELED(-1),
    /** Final: the callee declined the call (SIP 603). */
    REJECTED(-1),
    /** Final: the call failed (carrier or network error, invalid destination, ...). */
    FAILED(-1);

    /** Position in the progress lifecycle, or -1 for a final state. */
    private final int step;

    CallState(int step) {
        this.step = step;
    }

    /** @return true for the final (terminal) states: everything from {@code COMPLETED} on */
    public boolean isFinal() {
        return step < 0;
    }

    /**
     * Whether a call in this state may move to {@code next}; the rules are in the class comment.
     *
     * @param next the proposed next state
     * @return true if the transition is allowed; false for a null {@code next}, a repeat of this
     *     state, a move backwards, or any move out of a final state
     */
    public boolean canTransitionTo(CallState next) {
        if (next == null || isFinal() || next == this) {
            return false;
        }
        return switch (next) {
            case QUEUED, INITIATED, RINGING, ANSWERED -> next.step > step;
            case COMPLETED, FAILED -> true;
            case BUSY, NO_ANSWER, CANCELED, REJECTED -> step < ANSWERED.step;
        };
    }

    /** @return the JSON name, e.g. {@code "no_answer"} */
    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    /**
     * @param wire a wire name, e.g. {@code "no_answer"} (upper case accepted too)
     * @return the constant
     * @throws IllegalArgumentException if the name is null or unknown
     */
    @JsonCreator
    public static CallState fromWire(String wire) {
        return WireNames.parse(CallState.class, wire);
    }
}
