package io.switchboard.router.failover;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * Sends attempts to carrier adapters over the clustered event bus, at
 * {@link Addresses#carrier(String)}, waiting at most the request's {@code timeoutMs}.
 */
public final class EventBusCarrierGateway implements FailoverLoop.CarrierGateway {

    private final EventBus bus;

    /** @param bus the node's event bus (codecs registered) */
    public EventBusCarrierGateway(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Future<AttemptReply> attempt(AttemptRequest request) {
        return bus.<AttemptReply>request(Addresses.carrier(request.carrier()), request,
                new DeliveryOptions().setSendTimeout(request.timeoutMs())).map(Message::body);
    }
}
