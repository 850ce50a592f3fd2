package io.switchboard.sip.proxy;

import io.switchboard.contract.model.E164;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where the proxy gets its candidates: in a node, the router's plan
 * ({@code Addresses.ROUTER_PLAN}); in tests, a fixed list.
 */
public interface RoutePlanner {

    /**
     * @param number the called number (from the Request-URI)
     * @param callId the call's id, as the plan's request id
     * @return carrier ids in the order to try; empty when there is no route. Must complete on the
     *     caller's context (an event-bus request does).
     */
    Future<List<String>> carriers(E164 number, String callId);
}
