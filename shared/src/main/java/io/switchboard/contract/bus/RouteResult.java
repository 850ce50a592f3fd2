package io.switchboard.contract.bus;

import io.switchboard.contract.error.ErrorBody;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.RoutePlan;
import java.util.List;

/**
 * Reply of {@link Addresses#ROUTER_ROUTE}: the plan, every attempt made along it, and either the
 * carrier that accepted or the error that ended the request (TEL-002 no carrier covers the
 * destination, TEL-601 every covering carrier excluded, TEL-006 every candidate failed, or the
 * final failure's own cause such as TEL-202 busy).
 *
 * @param plan the route plan the attempts followed
 * @param attempts the attempts, in order
 * @param carrier the carrier that accepted, or null
 * @param carrierCallId that carrier's id for the call, or null
 * @param error why the request ended without a carrier, or null
 */
public record RouteResult(RoutePlan plan, List<Attempt> attempts, String carrier, String carrierCallId,
                          ErrorBody.Problem error) {

    /** Copies {@code attempts}. */
    public RouteResult {
        attempts = List.copyOf(attempts);
    }
}
