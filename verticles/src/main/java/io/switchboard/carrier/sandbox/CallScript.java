package io.switchboard.carrier.sandbox;

import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws what happens to one sandbox call or message under a {@link SandboxBehaviour}: the steps
 * a carrier reports, each at its delay from acceptance.
 */
public final class CallScript {

    /** Delay of the first progress report after acceptance, ms. */
    static final long INITIATED_AFTER_MS = 50;

    private CallScript() {
    }

    /**
     * One step.
     *
     * @param atMs delay from acceptance, ms
     * @param event what the carrier reports
     */
    public record Step(long atMs, SimEvent event) {
    }

    /**
     * @return initiated, ringing, then busy (486), no answer (480), failed (503), or answered
     *     (200) and completed after a duration drawn uniformly from the behaviour's range
     */
    public static List<Step> call(SandboxBehaviour behaviour, RandomGenerator random) {
        long ringing = INITIATED_AFTER_MS * 2;
        long outcomeAt = ringing + behaviour.ringMs();
        Step initiated = new Step(INITIATED_AFTER_MS, SimEvent.call(CallState.INITIATED, null));
        Step ring = new Step(ringing, SimEvent.call(CallState.RINGING, 180));
        int draw = random.nextInt(100);
        if (draw < behaviour.busyPercent()) {
            return List.of(initiated, ring, new Step(outcomeAt, SimEvent.call(CallState.BUSY, 486)));
        }
        draw -= behaviour.busyPercent();
        if (draw < behaviour.noAnswerPercent()) {
            return List.of(initiated, ring, new Step(outcomeAt, SimEvent.call(CallState.NO_ANSWER, 480)));
        }
        draw -= behaviour.noAnswerPercent();
        if (draw < behaviour.failedPercent()) {
            return List.of(initiated, ring, new Step(outcomeAt, SimEvent.call(CallState.FAILED, 503)));
        }
        long duration = behaviour.durationMinMs() + (behaviour.durationMaxMs() > behaviour.durationMinMs()
                ? random.nextLong(behaviour.durationMaxMs() - behaviour.durationMinMs() + 1) : 0);
        return List.of(initiated, ring, new Step(outcomeAt, SimEvent.call(CallState.ANSWERED, 200)),
                new Step(outcomeAt + duration, SimEvent.call(CallState.COMPLETED, 200)));
    }

    /** @return sent, then delivered or (failed-percent of the time) failed */
    public static List<Step> message(SandboxBehaviour behaviour, RandomGenerator random) {
        boolean failed = random.nextInt(100) < behaviour.failedPercent();
        return List.of(new Step(INITIATED_AFTER_MS * 2, SimEvent.message(MessageState.SENT)),
                new Step(INITIATED_AFTER_MS * 6, SimEvent.message(failed ? MessageState.FAILED : MessageState.DELIVERED)));
    }
}
