package io.switchboard.sipedge;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.switchboard.sip.record.AttemptMapping;
import io.switchboard.sip.record.AttemptSink;
import io.switchboard.sip.record.SipAttempt;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;

/**
 * Publishes the proxy's attempts: every ended branch as a contract
 * {@link io.switchboard.contract.model.Attempt} on {@link Addresses#CARRIER_OUTCOMES} (the
 * health-monitor's passive signal), and as an event on {@link Addresses#EVENTS}:
 * {@code call.attempt.failed} or {@code call.answered} when the branch ends,
 * {@code call.completed} with {@code duration_ms} when an answered call's BYE comes through. The
 * events' data is {@link AttemptMapping#eventData}.
 */
final class BusAttemptSink implements AttemptSink {

    private final EventBus bus;

    /** @param bus the event bus */
    BusAttemptSink(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void finished(SipAttempt attempt) {
        bus.publish(Addresses.CARRIER_OUTCOMES, AttemptMapping.toAttempt(attempt));
        String type = attempt.kind() == SipAttempt.Kind.ANSWERED ? EventTypes.CALL_ANSWERED : EventTypes.CALL_ATTEMPT_FAILED;
        bus.publish(Addresses.EVENTS, EventEnvelope.of(type, attempt.endedAt(), null, AttemptMapping.eventData(attempt)));
    }

    @Override
    public void completed(SipAttempt attempt) {
        bus.publish(Addresses.EVENTS, EventEnvelope.of(EventTypes.CALL_COMPLETED, Instant.now(), null,
                AttemptMapping.eventData(attempt)));
    }
}
