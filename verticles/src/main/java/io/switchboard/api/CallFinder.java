package io.switchboard.api;

import io.switchboard.cdr.CdrQueries;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.NoSuchElementException;

/**
 * Finds and hangs up one call or message of a tenant, the same way for every door (REST, gRPC, the
 * event-bus gateway): the live record from a lifecycle ({@link Addresses#CALLS_GET}), else the stored
 * one (PostgreSQL, through {@link CdrQueries}).
 */
public final class CallFinder {

    private final EventBus bus;
    private final CdrQueries records;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);

    /**
     * @param bus the event bus
     * @param records the stored calls and messages
     */
    public CallFinder(EventBus bus, CdrQueries records) {
        this.bus = bus;
        this.records = records;
    }

    /**
     * @param tenant the tenant asking
     * @param id a call or message id (canonical UUID)
     * @param call true for a call, false for a message
     * @return the record; fails with TEL-013 when the tenant has no such call (or message), TEL-007
     *     when no lifecycle answers in 10 s, or the store's failure
     */
    public Future<CallRecord> find(String tenant, String id, boolean call) {
        return bus.<CallRecord>request(Addresses.CALLS_GET, new CallLookup(tenant, id), options).map(Message::body)
                .recover(error -> {
                    SwitchboardException known = BusErrors.toException(error, Addresses.CALLS_GET);
                    return known.code() == ErrorCode.TEL_013 || known.code() == ErrorCode.TEL_009
                            ? records.record(tenant, id, call) : Future.failedFuture(known);
                })
                .recover(error -> Future.failedFuture(error instanceof NoSuchElementException missing
                        ? new SwitchboardException(ErrorCode.TEL_013, missing.getMessage()) : error))
                .compose(r -> r.voice() == call ? Future.succeededFuture(r)
                        : Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013, "no such "
                                + (call ? "call " : "message ") + id)));
    }

    /**
     * Hangs up a call; idempotent: a call that has ended answers as it ended.
     *
     * @param tenant the tenant asking
     * @param id the call's id
     * @param routing the delivery options of the hang-up (its time-out covers the carrier's answer)
     * @return the ended call; TEL-013 when the tenant has no such call, TEL-011 for a message, or the
     *     lifecycle's failure (TEL-006, TEL-009, ...)
     */
    public Future<CallRecord> hangup(String tenant, String id, DeliveryOptions routing) {
        return bus.<CallRecord>request(Addresses.CALLS_HANGUP, new CallLookup(tenant, id), routing).map(Message::body)
                .recover(error -> {
                    SwitchboardException known = BusErrors.toException(error, Addresses.CALLS_HANGUP);
                    return known.code() == ErrorCode.TEL_013 ? find(tenant, id, true) : Future.failedFuture(known);
                });
    }
}
