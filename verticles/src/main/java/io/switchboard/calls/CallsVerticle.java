package io.switchboard.calls;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;

/**
 * The call lifecycle of the router role: wires {@link Addresses#CALLS_CREATE},
 * {@link Addresses#MESSAGES_SEND}, {@link Addresses#CALLS_GET}, {@link Addresses#CALLS_HANGUP} and
 * the carriers' reports ({@link Addresses#CARRIER_EVENTS}) to a {@link CallLifecycle}, and runs its
 * sweep every {@code calls.sweep-interval-ms}. Deployed by the router verticle.
 */
public final class CallsVerticle extends VerticleBase {

    private final SwitchboardConfig config;
    private CallLifecycle lifecycle;
    private long sweeper = -1;
    private boolean sweeping;

    /** @param config the node's configuration ({@code calls.*}, {@code router.currency}) */
    public CallsVerticle(SwitchboardConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        SwitchboardConfig.Calls calls = config.calls();
        lifecycle = new CallLifecycle(vertx.eventBus(), new LiveCalls(vertx), Clock.systemUTC(),
                new CallLifecycle.Settings(config.router().currency().getCurrencyCode(), calls.routeTimeoutMs(),
                        calls.queuedTimeoutMs(), calls.defaultRingTimeoutS(), calls.ringGraceMs(), calls.maxDurationMs(),
                        calls.receiptTimeoutMs()));
        var bus = vertx.eventBus();
        sweeper = vertx.setPeriodic(calls.sweepIntervalMs(), id -> sweep());
        return Future.all(
                bus.<CallRequest>consumer(Addresses.CALLS_CREATE, m -> answer(m, lifecycle.create(m.body()))).completion(),
                bus.<MessageRequest>consumer(Addresses.MESSAGES_SEND, m -> answer(m, lifecycle.send(m.body()))).completion(),
                bus.<CallLookup>consumer(Addresses.CALLS_GET, m -> answer(m, lifecycle.get(m.body()))).completion(),
                bus.<CallLookup>consumer(Addresses.CALLS_HANGUP, m -> answer(m, lifecycle.hangup(m.body()))).completion(),
                bus.<EventEnvelope>consumer(Addresses.CARRIER_EVENTS, m -> lifecycle.report(m.body())).completion());
    }

    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        lifecycle.sweep().onComplete(r -> sweeping = false);
    }

    private static void answer(Message<?> message, Future<CallRecord> result) {
        result.onSuccess(message::reply).onFailure(error -> BusErrors.fail(message,
                error instanceof SwitchboardException known ? known
                        : new SwitchboardException(ErrorCode.TEL_900, "call lifecycle failed: " + error.getMessage())));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweeper);
        return Future.succeededFuture();
    }
}
