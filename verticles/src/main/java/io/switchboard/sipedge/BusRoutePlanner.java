package io.switchboard.sipedge;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.switchboard.sip.proxy.RoutePlanner;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * Asks a router for the plan of a proxied call ({@link Addresses#ROUTER_PLAN}, a voice
 * {@link RouteRequest} whose request id is the SIP Call-ID) and returns its candidates' carrier ids
 * in order; the proxy keeps those that are SIP trunks.
 */
final class BusRoutePlanner implements RoutePlanner {

    private final EventBus bus;
    private final long timeoutMs;

    /**
     * @param bus the event bus
     * @param timeoutMs how long to wait for the router, ms
     */
    BusRoutePlanner(EventBus bus, long timeoutMs) {
        this.bus = bus;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Future<List<String>> carriers(E164 number, String callId) {
        return bus.<RoutePlan>request(Addresses.ROUTER_PLAN, RouteRequest.of(callId, Service.VOICE, number),
                        new DeliveryOptions().setSendTimeout(timeoutMs))
                .map(reply -> reply.body().candidates().stream().map(RoutePlan.Candidate::carrier).toList());
    }
}
