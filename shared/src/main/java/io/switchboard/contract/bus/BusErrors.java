package io.switchboard.contract.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorBody;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Map;

/**
 * How a TEL error crosses the event bus: the handler fails the message with the error's HTTP
 * status as failure code and the contract's error body (JSON) as message; the requester turns the
 * {@link ReplyException} back into the same {@link SwitchboardException}. Time-outs become TEL-007
 * and a missing handler TEL-009 (the role is not running in the cluster).
 */
public final class BusErrors {

    private BusErrors() {
    }

    /** Fails {@code message} with {@code error}. */
    public static void fail(Message<?> message, SwitchboardException error) {
        try {
            message.fail(error.httpStatus(), Json.mapper().writeValueAsString(ErrorBody.of(error)));
        } catch (JsonProcessingException e) {
            message.fail(500, "{\"error\":{\"code\":\"TEL-900\",\"message\":\"internal error\",\"details\":{}}}");
        }
    }

    /**
     * @param failure what a request future failed with
     * @param address the address asked, for messages
     * @return the equivalent TEL error
     */
    public static SwitchboardException toException(Throwable failure, String address) {
        if (failure instanceof SwitchboardException known) {
            return known;
        }
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.TIMEOUT) {
                return new SwitchboardException(ErrorCode.TEL_007, "no answer from " + address + " in time");
            }
            if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
                return new SwitchboardException(ErrorCode.TEL_009, "no node of the cluster serves " + address);
            }
            try {
                ErrorBody body = Json.mapper().readValue(reply.getMessage(), ErrorBody.class);
                ErrorCode code = ErrorCode.fromCode(body.error().code());
                return new SwitchboardException(code, body.error().message(), body.error().details(),
                        reply.failureCode(), null);
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                return new SwitchboardException(ErrorCode.TEL_900, "failure from " + address + ": " + reply.getMessage(),
                        Map.of());
            }
        }
        return new SwitchboardException(ErrorCode.TEL_900, "failure from " + address + ": " + failure.getMessage(),
                Map.of());
    }
}
