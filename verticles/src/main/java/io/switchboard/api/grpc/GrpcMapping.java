package io.switchboard.api.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import io.switchboard.api.FieldRules;
import io.switchboard.contract.Json;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.grpc.Call;
import io.switchboard.contract.grpc.CallAttempt;
import io.switchboard.contract.grpc.CreateCallRequest;
import io.switchboard.contract.grpc.Event;
import io.switchboard.contract.grpc.ExcludedCarrier;
import io.switchboard.contract.grpc.ExplainRouteRequest;
import io.switchboard.contract.grpc.RouteCandidate;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.contract.model.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Translates between the gRPC messages of {@code switchboard/v1/switchboard.proto} and the
 * contract records the event bus carries. Requests are validated field by field exactly as the
 * REST bodies are (same rules as {@code CallsApi} and {@code RoutesApi}); every failure is a
 * {@link SwitchboardException} TEL-011 (TEL-001 for a phone number) whose {@code details.field}
 * is the proto field name. Money stays exact (decimal strings), times are UTC timestamps, and an
 * empty proto string means "not set".
 */
public final class GrpcMapping {

    /** Largest {@code metadata_json}, serialized, as for REST {@code metadata}. */
    static final int METADATA_MAX_BYTES = 4096;

    private GrpcMapping() {
    }

    /**
     * @param request the gRPC request
     * @param requestId an id for logs and the plan
     * @param tenantId the authenticated tenant (never taken from the request)
     * @return the router's question
     * @throws SwitchboardException TEL-011 / TEL-001 naming the field ({@code to}, {@code from},
     *     {@code service}, {@code max_rate}, {@code avoid}, {@code preferred_carrier})
     */
    public static RouteRequest routeRequest(ExplainRouteRequest request, String requestId, String tenantId) {
        if (request.getTo().isEmpty()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "to", "to: required");
        }
        E164 to = E164.parse("to", request.getTo());
        E164 from = request.getFrom().isEmpty() ? null : E164.parse("from", request.getFrom());
        Service service = service(request.getService());
        BigDecimal maxRate = null;
        if (!request.getMaxRate().isEmpty()) {
            try {
                maxRate = new BigDecimal(request.getMaxRate());
            } catch (NumberFormatException e) {
                maxRate = null;
            }
            if (maxRate == null || maxRate.signum() < 0) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "max_rate",
                        "max_rate: expected a non-negative decimal such as 0.0100, got '" + clip(request.getMaxRate()) + "'");
            }
        }
        Set<String> avoid = new LinkedHashSet<>();
        for (String carrier : request.getAvoidList()) {
            avoid.add(carrierId("avoid", carrier));
        }
        String preferred = request.getPreferredCarrier().isEmpty() ? null
                : carrierId("preferred_carrier", request.getPreferredCarrier());
        return new RouteRequest(requestId, service, to, tenantId, from, preferred, avoid, maxRate);
    }

    /**
     * @param request the gRPC request
     * @param requestId an id for logs
     * @param tenantId the authenticated tenant
     * @return the lifecycle's request
     * @throws SwitchboardException TEL-011 / TEL-001 naming the proto field: {@code to} and
     *     {@code from} required E.164, {@code caller_name} at most 64 characters without control
     *     characters, {@code timeout_s} 1..600, {@code status_callback} an absolute http(s) URL,
     *     {@code metadata_json} a JSON object of at most 4096 bytes
     */
    public static CallRequest callRequest(CreateCallRequest request, String requestId, String tenantId) {
        E164 to = number("to", request.getTo());
        E164 from = number("from", request.getFrom());
        String callerName = request.getCallerName().isEmpty() ? null : text("caller_name", request.getCallerName(), 64);
        Integer timeout = null;
        if (request.hasTimeoutS()) {
            timeout = FieldRules.range("timeout_s", request.getTimeoutS(), 1, 600);
        }
        String callback = request.getStatusCallback().isEmpty() ? null : url("status_callback", request.getStatusCallback());
        JsonNode metadata = null;
        if (!request.getMetadataJson().isEmpty()) {
            String raw = request.getMetadataJson();
            try {
                metadata = raw.length() > METADATA_MAX_BYTES ? null : Json.mapper().readTree(raw);
            } catch (JsonProcessingException e) {
                metadata = null;
            }
            if (!(metadata instanceof ObjectNode)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "metadata_json",
                        "metadata_json: expected a JSON object of at most " + METADATA_MAX_BYTES + " bytes");
            }
        }
        return new CallRequest(tenantId, requestId, to, from, callerName, timeout, request.getRecord(), callback, metadata);
    }

    /**
     * @param raw a call id as sent
     * @return the id in canonical (lower-case) form
     * @throws SwitchboardException TEL-011 with field {@code id} when it is not a UUID
     */
    public static String callId(String raw) {
        try {
            return UUID.fromString(raw).toString();
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "id", "id: expected a UUID, got '" + clip(raw) + "'");
        }
    }

    /** @return the plan as its gRPC message */
    public static io.switchboard.contract.grpc.RoutePlan plan(RoutePlan plan) {
        var out = io.switchboard.contract.grpc.RoutePlan.newBuilder().setRequestId(plan.requestId())
                .setService(plan.service().wireName()).setDestination(plan.destination().value())
                .setDecidedAt(time(plan.decidedAt())).setDecisionMicros(plan.decisionMicros());
        for (RoutePlan.Candidate c : plan.candidates()) {
            out.addCandidates(RouteCandidate.newBuilder().setCarrier(c.carrier()).setTier(c.tier())
                    .setMatchedPrefix(c.matchedPrefix()).setRate(money(c.rate())).setEstimatedCost(money(c.estimatedCost()))
                    .setHealthScore(c.healthScore()).setBreakerState(c.breakerState().wireName())
                    .setDeckVersion(c.deckVersion()).setReason(c.reason()).setConnectFee(money(c.connectFee()))
                    .setIncrement(c.increment().toString()));
        }
        for (RoutePlan.ExcludedCandidate e : plan.excluded()) {
            out.addExcluded(ExcludedCarrier.newBuilder().setCarrier(e.carrier()).setReason(e.reason().wireName())
                    .setDetail(e.detail() == null ? "" : e.detail()));
        }
        return out.build();
    }

    /** @return the call (or message) record as its gRPC message */
    public static Call call(CallRecord r) {
        Call.Builder out = Call.newBuilder().setId(r.id()).setTenantId(r.tenantId()).setService(r.service().wireName())
                .setDirection(nz(r.direction())).setFrom(nz(r.from())).setTo(r.to()).setCallerName(nz(r.callerName()))
                .setRecord(r.record()).setStatusCallback(nz(r.statusCallback()))
                .setMetadataJson(r.metadata() == null ? "" : r.metadata().toString()).setState(r.state())
                .setCarrier(nz(r.carrier())).setCarrierCallId(nz(r.carrierCallId()))
                .setMatchedPrefix(nz(r.matchedPrefix())).setIncrement(r.increment() == null ? "" : r.increment().toString())
                .setCreatedAt(time(r.createdAt())).setErrorCode(nz(r.errorCode())).setFailureReason(nz(r.failureReason()));
        if (r.timeoutS() != null) {
            out.setTimeoutS(r.timeoutS());
        }
        if (r.deckVersion() != null) {
            out.setDeckVersion(r.deckVersion());
        }
        if (r.rate() != null) {
            out.setRate(money(r.rate()));
        }
        if (r.connectFee() != null) {
            out.setConnectFee(money(r.connectFee()));
        }
        if (r.answeredAt() != null) {
            out.setAnsweredAt(time(r.answeredAt()));
        }
        if (r.endedAt() != null) {
            out.setEndedAt(time(r.endedAt()));
        }
        if (r.updatedAt() != null) {
            out.setUpdatedAt(time(r.updatedAt()));
        }
        if (r.durationS() != null) {
            out.setDurationS(r.durationS());
        }
        if (r.billedSeconds() != null) {
            out.setBilledSeconds(r.billedSeconds());
        }
        if (r.cost() != null) {
            out.setCost(money(r.cost()));
        }
        if (r.sipCode() != null) {
            out.setSipCode(r.sipCode());
        }
        if (r.q850Cause() != null) {
            out.setQ850Cause(r.q850Cause());
        }
        for (Attempt a : r.attempts()) {
            out.addAttempts(attempt(a));
        }
        return out.build();
    }

    /** @return the event as its gRPC message ({@code data_json} is the envelope's data object) */
    public static Event event(EventEnvelope e) {
        return Event.newBuilder().setId(e.id()).setType(e.type()).setOccurredAt(time(e.occurredAt()))
                .setTenantId(nz(e.tenantId())).setDataJson(e.data() == null ? "{}" : e.data().toString()).build();
    }

    private static CallAttempt attempt(Attempt a) {
        CallAttempt.Builder out = CallAttempt.newBuilder().setAttemptId(a.attemptId()).setCarrier(a.carrier())
                .setSequence(a.sequence()).setStartedAt(time(a.startedAt()))
                .setOutcome(a.outcome() == null ? "" : a.outcome().wireName())
                .setCause(a.cause() == null ? "" : a.cause().code()).setCarrierCallId(nz(a.carrierCallId()));
        if (a.endedAt() != null) {
            out.setEndedAt(time(a.endedAt()));
        }
        if (a.sipCode() != null) {
            out.setSipCode(a.sipCode());
        }
        if (a.cost() != null) {
            out.setCost(money(a.cost()));
        }
        if (a.pddMs() != null) {
            out.setPddMs(a.pddMs());
        }
        return out.build();
    }

    private static Service service(String raw) {
        if (raw.isEmpty()) {
            return Service.VOICE;
        }
        try {
            return Service.fromWire(raw.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "service",
                    "service: expected voice, sms, mms or fax, got '" + clip(raw) + "'");
        }
    }

    private static E164 number(String field, String raw) {
        if (raw.isEmpty()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": required");
        }
        return E164.parse(field, text(field, raw, 32));
    }

    private static String text(String field, String value, int maxLength) {
        return FieldRules.text(field, value, maxLength);
    }

    private static String url(String field, String raw) {
        return FieldRules.url(field, raw);
    }

    private static String carrierId(String field, String raw) {
        if (!raw.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field,
                    field + ": expected a carrier id (lower-case letters, digits and -), got '" + clip(raw) + "'");
        }
        return raw;
    }

    private static io.switchboard.contract.grpc.Money money(Money money) {
        return io.switchboard.contract.grpc.Money.newBuilder().setAmount(money.amount().toPlainString())
                .setCurrency(money.currency().getCurrencyCode()).build();
    }

    private static Timestamp time(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String clip(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
    }
}
