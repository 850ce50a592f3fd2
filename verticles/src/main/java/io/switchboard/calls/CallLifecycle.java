package io.switchboard.calls;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.HangupRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import io.switchboard.messages.SmsSegments;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a call or message from its request to its CDR (DESIGN section 4): it records the
 * request in the cluster-wide map of live calls ({@link LiveCalls}), has a router route it
 * ({@link Addresses#ROUTER_ROUTE}: plan and failover), applies the carriers' reports
 * ({@link CallTransitions}), publishes the tenant's events on {@link Addresses#EVENTS}
 * ({@link CallEvents}), prices the finished record ({@link CallPricing}) and hands it to the
 * cdr-writer ({@link Addresses#CDR_WRITE}); only once the writer has it in its durable journal is
 * the record removed from the live map, so a finished call is never lost between the two.
 *
 * <p>{@link #sweep} closes what no carrier closes: a call never routed within
 * {@code queuedTimeout} (FAILED, TEL-900), a call with no carrier report for {@code ringTimeout +
 * ringGrace} while initiated or ringing (FAILED, TEL-007), an answered call with no hang-up within
 * {@code maxDuration} (FAILED, TEL-007, billed up to now), a message without receipt for
 * {@code receiptTimeout} (written as {@code sent}); and it sends again every finished record the
 * cdr-writer did not take.
 */
public final class CallLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CallLifecycle.class);

    /**
     * Time limits of the lifecycle.
     *
     * @param currency currency of unrouted records' zero cost (ISO 4217)
     * @param routeTimeoutMs wait for the router's answer (every failover attempt included), ms
     * @param queuedTimeoutMs a call still queued this long (its router died) is failed, ms
     * @param defaultRingTimeoutS ring timeout of calls that name none, s
     * @param ringGraceMs extra wait for a carrier's report after the ring timeout, ms
     * @param maxDurationMs an answered call with no hang-up report this long is closed, ms
     * @param receiptTimeoutMs a sent message without delivery receipt this long is written as sent, ms
     */
    public record Settings(String currency, long routeTimeoutMs, long queuedTimeoutMs, int defaultRingTimeoutS,
                           long ringGraceMs, long maxDurationMs, long receiptTimeoutMs) {
    }

    private final EventBus bus;
    private final LiveCalls live;
    private final Clock clock;
    private final Settings settings;

    /**
     * @param bus the clustered event bus
     * @param live the cluster-wide map of live calls
     * @param clock time source
     * @param settings time limits
     */
    public CallLifecycle(EventBus bus, LiveCalls live, Clock clock, Settings settings) {
        this.bus = bus;
        this.live = live;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Places a call.
     *
     * @return the routed call (state {@code initiated}, or further if the carrier reported already);
     *     a failed future with the routing's TEL code (TEL-002, TEL-601, TEL-006, TEL-202, ...) and
     *     {@code details.call_id} when no carrier took it (the call is recorded as failed)
     */
    public Future<CallRecord> create(CallRequest request) {
        Instant now = clock.instant();
        CallRecord call = new CallRecord(UUID.randomUUID().toString(), request.tenantId(), Service.VOICE, "outbound",
                request.from() == null ? null : request.from().value(), request.to().value(), request.callerName(),
                request.timeoutS(), request.record(), request.statusCallback(), request.metadata(), null, null, null,
                CallState.QUEUED.wireName(), null, null, null, null, null, null, null, now, null, null, now, null, null,
                null, null, null, null, null, List.of());
        RouteRequest route = new RouteRequest(call.id(), Service.VOICE, request.to(), request.tenantId(),
                request.from(), null, Set.of(), null, null, request.callerName(), request.timeoutS(), request.record(),
                request.sandboxOnly());
        return live.put(call).compose(v -> route(call, route));
    }

    /**
     * Sends an SMS; the segment count is computed here ({@link SmsSegments}) and billed per segment.
     *
     * @return the message once a carrier accepted it (state {@code sent}); a failed future as for
     *     {@link #create}, with {@code details.message_id}
     */
    public Future<CallRecord> send(MessageRequest request) {
        Instant now = clock.instant();
        SmsSegments.Segmentation parts = SmsSegments.of(request.body());
        CallRecord message = new CallRecord(UUID.randomUUID().toString(), request.tenantId(), Service.SMS, "outbound",
                request.from() == null ? null : request.from().value(), request.to().value(), null, null, false,
                request.statusCallback(), request.metadata(), request.body(),
                parts.encoding() == SmsSegments.Encoding.GSM7 ? "gsm7" : "ucs2", parts.segments(),
                MessageState.QUEUED.wireName(), null, null, null, null, null, null, null, now, null, null, now, null,
                null, null, null, null, null, null, List.of());
        RouteRequest route = new RouteRequest(message.id(), Service.SMS, request.to(), request.tenantId(),
                request.from(), null, Set.of(), null, request.body(), null, null, false, request.sandboxOnly());
        return live.put(message).onSuccess(v -> bus.publish(Addresses.EVENTS, CallEvents.of(message, now)))
                .compose(v -> route(message, route));
    }

    private Future<CallRecord> route(CallRecord call, RouteRequest request) {
        return bus.<RouteResult>request(Addresses.ROUTER_ROUTE, request,
                        new DeliveryOptions().setSendTimeout(settings.routeTimeoutMs()))
                .map(Message::body)
                .compose(result -> result.carrier() != null ? routed(call, result) : unrouted(call, result, null),
                        error -> unrouted(call, null, BusErrors.toException(error, Addresses.ROUTER_ROUTE)));
    }

    private Future<CallRecord> routed(CallRecord call, RouteResult result) {
        RoutePlan.Candidate chosen = result.plan().candidates().stream()
                .filter(c -> c.carrier().equals(result.carrier())).findFirst().orElseThrow();
        Instant now = clock.instant();
        String accepted = call.voice() ? CallState.INITIATED.wireName() : MessageState.SENT.wireName();
        return live.update(call.id(), current -> {
            CallRecord.Builder b = current.toBuilder().carrier(result.carrier(), result.carrierCallId())
                    .pricing(chosen.deckVersion(), chosen.matchedPrefix(), chosen.rate(), chosen.connectFee(),
                            chosen.increment())
                    .attempts(result.attempts()).updatedAt(now);
            boolean queued = current.state().equals(CallState.QUEUED.wireName());
            return Optional.of(queued ? b.state(accepted).build() : b.build());
        }).compose(updated -> {
            CallRecord record = updated.orElseThrow(() -> new SwitchboardException(ErrorCode.TEL_900,
                    "call " + call.id() + " vanished from the live map while routing"));
            if (record.state().equals(accepted)) {
                bus.publish(Addresses.EVENTS, CallEvents.of(record, now));
            }
            return record.finished() ? finish(record).map(record) : Future.succeededFuture(record);
        });
    }

    private Future<CallRecord> unrouted(CallRecord call, RouteResult result, SwitchboardException busFailure) {
        Instant now = clock.instant();
        ErrorCode code;
        String message;
        Map<String, Object> details = new LinkedHashMap<>();
        if (busFailure != null) {
            code = busFailure.code();
            message = busFailure.getMessage();
            details.putAll(busFailure.details());
        } else {
            code = ErrorCode.fromCode(result.error().code());
            message = result.error().message();
            details.putAll(result.error().details());
        }
        details.put(call.voice() ? "call_id" : "message_id", call.id());
        String failed = call.voice() ? CallState.FAILED.wireName() : MessageState.FAILED.wireName();
        return live.update(call.id(), current -> Optional.of(current.toBuilder().state(failed)
                        .failure(code.code(), message).attempts(result == null ? List.of() : result.attempts())
                        .endedAt(now).updatedAt(now).build()))
                .compose(updated -> updated.map(this::announceAndFinish).orElse(Future.succeededFuture()))
                .compose(v -> Future.failedFuture(new SwitchboardException(code, message, details)));
    }

    /**
     * Publishes the final event with the record's cost (the specification's {@code call.completed}
     * carries call_id, duration and cost), then hands the record to {@link #finish}, which prices
     * it the same way and stores it.
     */
    private Future<Void> announceAndFinish(CallRecord record) {
        CallRecord priced = record.cost() != null ? record : CallPricing.price(record, settings.currency());
        bus.publish(Addresses.EVENTS, CallEvents.of(priced, record.endedAt() != null ? record.endedAt() : clock.instant()));
        return finish(record);
    }

    /**
     * Applies one carrier report ({@link Addresses#CARRIER_EVENTS}); reports about calls that are not
     * live (another node's proxy call, a finished call) are ignored.
     *
     * @return done when applied (or ignored)
     */
    public Future<Void> report(EventEnvelope event) {
        String id = event.data().hasNonNull("call_id") ? event.data().get("call_id").asText()
                : event.data().path("message_id").asText(null);
        if (id == null) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        return live.update(id, call -> CallTransitions.apply(call, event, now)).compose(changed -> {
            if (changed.isEmpty()) {
                return Future.succeededFuture();
            }
            CallRecord record = changed.get();
            if (record.finished() && record.carrier() != null) {
                return announceAndFinish(record);
            }
            if (!record.finished()) {
                bus.publish(Addresses.EVENTS, CallEvents.of(record, event.occurredAt()));
            }
            return Future.succeededFuture();
        });
    }

    /**
     * @return the tenant's live (or just finished, see {@link LiveCalls#get}) call or message; TEL-013 when
     *     it is not there or belongs to another tenant
     */
    public Future<CallRecord> get(CallLookup lookup) {
        return live.get(lookup.id()).compose(found -> found.filter(c -> c.tenantId().equals(lookup.tenantId()))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013,
                        "no live call " + lookup.id()))));
    }

    /**
     * Hangs up a live call: its carrier is asked to cancel it (ringing) or end it (answered); once
     * the carrier accepted, the call ends here as {@code canceled} (unanswered) or
     * {@code completed} (answered, billed up to now), whatever the carrier reports later.
     *
     * @return the ended call (a call that had finished already, as it ended); TEL-013 when unknown, TEL-011 for a message, TEL-009 when the
     *     carrier has no hang-up endpoint, TEL-006 when it refused
     */
    public Future<CallRecord> hangup(CallLookup lookup) {
        return get(lookup).compose(call -> {
            if (!call.voice()) {
                return Future.failedFuture(SwitchboardException.invalidField(ErrorCode.TEL_011, "id",
                        "id: " + call.id() + " is a message; only calls hang up"));
            }
            if (call.finished()) {
                return Future.succeededFuture(call);
            }
            CallState state = CallState.fromWire(call.state());
            Future<Void> atCarrier = call.carrier() == null || call.carrierCallId() == null ? Future.succeededFuture()
                    : bus.request(Addresses.carrierHangup(call.carrier()),
                            new HangupRequest(call.id(), call.carrierCallId(), state),
                            new DeliveryOptions().setSendTimeout(settings.routeTimeoutMs())).mapEmpty();
            return atCarrier.recover(error -> Future.failedFuture(BusErrors.toException(error,
                    Addresses.carrierHangup(call.carrier())))).compose(v -> end(call.id(), "hung up through the API"));
        });
    }

    private Future<CallRecord> end(String id, String reason) {
        Instant now = clock.instant();
        return live.update(id, current -> {
            if (current.finished()) {
                return Optional.empty();
            }
            boolean answered = current.answeredAt() != null;
            CallRecord.Builder b = current.toBuilder().endedAt(now).updatedAt(now)
                    .state(answered ? CallState.COMPLETED.wireName() : CallState.CANCELED.wireName())
                    .duration(answered ? (int) Duration.between(current.answeredAt(), now).toSeconds() : 0, null);
            if (!answered) {
                b.failure(ErrorCode.TEL_201.code(), reason);
            }
            return Optional.of(b.build());
        }).compose(changed -> changed.isEmpty()
                // already final: the record as it is, or TEL-013 if it left the live map meanwhile
                ? live.get(id).compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                        new SwitchboardException(ErrorCode.TEL_013, "no live call " + id + ": it has ended"))))
                : announceAndFinish(changed.get()).map(changed.get()));
    }

    /**
     * Prices a finished (or given-up) record, hands it to the cdr-writer and, once it took it,
     * removes it from the live map. A failure leaves it live, for {@link #sweep} to send again.
     */
    private Future<Void> finish(CallRecord record) {
        CallRecord priced = record.cost() != null ? record : CallPricing.price(record, settings.currency());
        Future<Void> stored = priced == record ? Future.succeededFuture()
                : live.update(record.id(), current -> Optional.of(priced)).mapEmpty();
        return stored.compose(v -> bus.request(Addresses.CDR_WRITE, priced,
                        new DeliveryOptions().setSendTimeout(10_000)))
                .compose(v -> live.remove(priced.id()))
                .recover(error -> {
                    LOG.warn("calls: CDR of {} not taken yet ({}); it stays live and is sent again", priced.id(),
                            error.getMessage());
                    return Future.succeededFuture();
                });
    }

    /**
     * One pass over the live calls (every node runs it; the compare-and-set of {@link LiveCalls}
     * makes each change happen once).
     *
     * @return how many records were closed or sent to the cdr-writer again
     */
    public Future<Integer> sweep() {
        Instant now = clock.instant();
        return live.all().compose(calls -> {
            List<Future<Boolean>> work = calls.stream().map(call -> sweep(call, now)).toList();
            return Future.join(work).map(done -> (int) work.stream().filter(f -> Boolean.TRUE.equals(f.result())).count())
                    .otherwise(e -> (int) work.stream().filter(f -> Boolean.TRUE.equals(f.result())).count());
        });
    }

    private Future<Boolean> sweep(CallRecord call, Instant now) {
        long idleMs = Duration.between(call.updatedAt(), now).toMillis();
        if (call.finished()) {
            return idleMs > 15_000 ? finish(call).map(true) : Future.succeededFuture(false);
        }
        if (!call.voice()) {
            if (call.state().equals(MessageState.SENT.wireName()) && idleMs > settings.receiptTimeoutMs()) {
                return finish(call.toBuilder().endedAt(now).updatedAt(now).build()).map(true);
            }
            if (call.state().equals(MessageState.QUEUED.wireName()) && idleMs > settings.queuedTimeoutMs()) {
                return giveUp(call, MessageState.FAILED.wireName(), ErrorCode.TEL_900, "never routed", now);
            }
            return Future.succeededFuture(false);
        }
        CallState state = CallState.fromWire(call.state());
        long ringMs = (call.timeoutS() != null ? call.timeoutS() : settings.defaultRingTimeoutS()) * 1000L
                + settings.ringGraceMs();
        if (state == CallState.QUEUED && idleMs > settings.queuedTimeoutMs()) {
            return giveUp(call, CallState.FAILED.wireName(), ErrorCode.TEL_900,
                    "never routed within " + settings.queuedTimeoutMs() + " ms", now);
        }
        if ((state == CallState.INITIATED || state == CallState.RINGING) && idleMs > ringMs) {
            return giveUp(call, CallState.FAILED.wireName(), ErrorCode.TEL_007,
                    "no carrier report within " + ringMs + " ms of " + state.wireName(), now);
        }
        if (state == CallState.ANSWERED && call.answeredAt() != null
                && Duration.between(call.answeredAt(), now).toMillis() > settings.maxDurationMs()) {
            return giveUp(call, CallState.FAILED.wireName(), ErrorCode.TEL_007,
                    "no hang-up reported within " + settings.maxDurationMs() + " ms of the answer", now);
        }
        return Future.succeededFuture(false);
    }

    private Future<Boolean> giveUp(CallRecord call, String state, ErrorCode code, String reason, Instant now) {
        return live.update(call.id(), current -> {
            if (current.finished() || !current.state().equals(call.state())) {
                return Optional.empty();
            }
            int duration = current.answeredAt() == null ? 0 : (int) Duration.between(current.answeredAt(), now).toSeconds();
            return Optional.of(current.toBuilder().state(state).failure(code.code(), reason).endedAt(now).updatedAt(now)
                    .duration(duration, null).build());
        }).compose(changed -> {
            if (changed.isEmpty()) {
                return Future.succeededFuture(false);
            }
            LOG.info("calls: {} closed as {}: {}", call.id(), state, reason);
            return announceAndFinish(changed.get()).map(true);
        });
    }
}
