package io.switchboard.router.failover;

import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.bus.RouteResult;
import io.switchboard.contract.error.ErrorBody;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.ExclusionReason;
import io.switchboard.contract.model.RoutePlan;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tries a plan's candidates in order until one carrier accepts (DESIGN §5, "Failover").
 *
 * <p>Each candidate gets an {@link AttemptRequest} through the {@link CarrierGateway}. A reply
 * of {@code SUCCESS} ends the loop; a failure the {@link RetryPolicy} calls retryable (and a time-out,
 * or no adapter answering for the carrier) moves on to the next candidate; a final failure (busy,
 * rejected, invalid number) ends the loop with that failure's cause. Every attempt is recorded and
 * handed to the attempt listener as it ends.
 *
 * <p>Ends: the accepting carrier; TEL-006 (502) when every candidate failed, with each attempt in
 * the details; TEL-002 when no carrier covers the destination; TEL-601 when covering carriers exist
 * but all were excluded (disabled, breaker open, over capacity, tenant policy).
 */
public final class FailoverLoop {

    /** Sends one attempt to a carrier adapter; the future fails on time-out or transport error. */
    @FunctionalInterface
    public interface CarrierGateway {
        /** @return the adapter's reply */
        Future<AttemptReply> attempt(AttemptRequest request);
    }

    private final CarrierGateway gateway;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final long attemptTimeoutMs;

    /**
     * @param gateway how attempts reach carriers
     * @param retryPolicy which failures fail over
     * @param clock time source for attempt timestamps
     * @param attemptTimeoutMs how long one attempt may take before the next candidate, ms
     */
    public FailoverLoop(CarrierGateway gateway, RetryPolicy retryPolicy, Clock clock, long attemptTimeoutMs) {
        this.gateway = gateway;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.attemptTimeoutMs = attemptTimeoutMs;
    }

    /**
     * @param request the routing request
     * @param plan its plan
     * @param callId the call or message the attempts belong to
     * @param onAttempt called with each attempt as it ends (for events and CDRs)
     * @return the result; never a failed future
     */
    public Future<RouteResult> run(RouteRequest request, RoutePlan plan, String callId, Consumer<Attempt> onAttempt) {
        if (plan.candidates().isEmpty()) {
            return Future.succeededFuture(new RouteResult(plan, List.of(), null, null, noRoute(plan)));
        }
        return next(request, plan, callId, 0, new ArrayList<>(), onAttempt);
    }

    private Future<RouteResult> next(RouteRequest request, RoutePlan plan, String callId, int index,
                                     List<Attempt> attempts, Consumer<Attempt> onAttempt) {
        if (index >= plan.candidates().size()) {
            return Future.succeededFuture(new RouteResult(plan, attempts, null, null, allFailed(attempts)));
        }
        RoutePlan.Candidate candidate = plan.candidates().get(index);
        Instant started = clock.instant();
        AttemptRequest ask = new AttemptRequest(request.requestId(), callId, index + 1, request.service(), request.to(),
                request.from(), request.tenantId(), candidate.carrier(), candidate.matchedPrefix(),
                candidate.deckVersion(), attemptTimeoutMs, request.text(), request.callerName(), request.ringTimeoutS(),
                request.record());
        return gateway.attempt(ask)
                .otherwise(FailoverLoop::replyForFailure)
                .compose(reply -> {
                    Attempt attempt = new Attempt(UUID.randomUUID().toString(), callId, candidate.carrier(), index + 1,
                            started, clock.instant(), reply.outcome(), reply.cause(), reply.sipCode(),
                            reply.q850Cause(), reply.carrierCode(), reply.carrierCallId(), null,
                            candidate.matchedPrefix(), null);
                    attempts.add(attempt);
                    onAttempt.accept(attempt);
                    if (reply.outcome() == AttemptOutcome.SUCCESS) {
                        return Future.succeededFuture(new RouteResult(plan, attempts, candidate.carrier(),
                                reply.carrierCallId(), null));
                    }
                    if (!retryPolicy.retryable(candidate.carrier(), reply)) {
                        ErrorCode cause = reply.cause() != null ? reply.cause() : ErrorCode.TEL_006;
                        return Future.succeededFuture(new RouteResult(plan, attempts, null, null,
                                ErrorBody.of(cause, "carrier " + candidate.carrier() + " failed finally"
                                        + describe(reply), details(attempts)).error()));
                    }
                    return next(request, plan, callId, index + 1, attempts, onAttempt);
                });
    }

    private static AttemptReply replyForFailure(Throwable failure) {
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.TIMEOUT) {
                return new AttemptReply(AttemptOutcome.TIMEOUT, null, ErrorCode.TEL_007, null, null, null,
                        "no reply from the carrier adapter in time");
            }
            if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
                return new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_006, null, null, null,
                        "no adapter is running for this carrier");
            }
        }
        return new AttemptReply(AttemptOutcome.RETRYABLE_FAILURE, null, ErrorCode.TEL_006, null, null, null,
                String.valueOf(failure.getMessage()));
    }

    private static String describe(AttemptReply reply) {
        StringBuilder text = new StringBuilder();
        if (reply.sipCode() != null) {
            text.append(" with SIP ").append(reply.sipCode());
        }
        if (reply.carrierCode() != null) {
            text.append(" (carrier code ").append(reply.carrierCode()).append(')');
        }
        if (reply.message() != null) {
            text.append(": ").append(reply.message());
        }
        return text.toString();
    }

    private static ErrorBody.Problem allFailed(List<Attempt> attempts) {
        return ErrorBody.of(ErrorCode.TEL_006, "every candidate carrier failed (" + attempts.size() + " attempts)",
                details(attempts)).error();
    }

    private static Map<String, Object> details(List<Attempt> attempts) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Attempt a : attempts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("carrier", a.carrier());
            row.put("outcome", a.outcome().wireName());
            if (a.cause() != null) {
                row.put("cause", a.cause().code());
            }
            if (a.sipCode() != null) {
                row.put("sip_code", a.sipCode());
            }
            if (a.carrierCode() != null) {
                row.put("carrier_code", a.carrierCode());
            }
            list.add(row);
        }
        return Map.of("attempts", list);
    }

    private static ErrorBody.Problem noRoute(RoutePlan plan) {
        boolean someoneCovers = plan.excluded().stream().anyMatch(e -> e.reason() != ExclusionReason.NO_COVERAGE
                && e.reason() != ExclusionReason.SERVICE_NOT_OFFERED);
        List<Map<String, Object>> excluded = new ArrayList<>();
        for (RoutePlan.ExcludedCandidate e : plan.excluded()) {
            excluded.add(Map.of("carrier", e.carrier(), "reason", e.reason().wireName(), "detail", e.detail()));
        }
        if (someoneCovers) {
            return ErrorBody.of(ErrorCode.TEL_601, "no route: every carrier covering +" + plan.destination().digits()
                    + " is excluded", Map.of("excluded", excluded)).error();
        }
        return ErrorBody.of(ErrorCode.TEL_002, "no carrier covers +" + plan.destination().digits() + " for "
                + plan.service().wireName(), Map.of("excluded", excluded)).error();
    }
}
