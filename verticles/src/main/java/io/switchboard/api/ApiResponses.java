package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.http.ErrorResponses;
import io.vertx.ext.web.RoutingContext;

/** Writes the public API's JSON bodies (contract mapping: snake_case, RFC 3339) and its errors. */
final class ApiResponses {

    private ApiResponses() {
    }

    /**
     * Ends the exchange with {@code status} and {@code body} as JSON, through
     * {@link io.switchboard.http.ResponseCapture} (idempotent replays, call-limit bookkeeping).
     */
    static void json(RoutingContext ctx, int status, Object body) {
        try {
            io.switchboard.http.ResponseCapture.end(ctx, status, "application/json",
                    Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    /** Delivery options of the API's requests to other roles: an answer within 10 s, else TEL-007. */
    static final io.vertx.core.eventbus.DeliveryOptions BUS_TIMEOUT =
            new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(10_000);

    /**
     * Ends the exchange with the error's TEL body: a {@link SwitchboardException} as it is, a
     * lookup of something that does not exist ({@link java.util.NoSuchElementException}) as
     * TEL-013, an event-bus failure through {@link BusErrors#toException}.
     */
    static void error(RoutingContext ctx, Throwable failure, String address) {
        SwitchboardException error = failure instanceof java.util.NoSuchElementException missing
                ? new SwitchboardException(io.switchboard.contract.error.ErrorCode.TEL_013, missing.getMessage())
                : BusErrors.toException(failure, address);
        if (error.code() == io.switchboard.contract.error.ErrorCode.TEL_900) {
            ctx.fail(error);
            return;
        }
        ErrorResponses.send(ctx, error.code(), error.httpStatus(), error.getMessage(), error.details());
    }
}
