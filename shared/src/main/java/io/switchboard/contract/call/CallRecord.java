package io.switchboard.contract.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.Service;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call or message as Switchboard knows it (DESIGN section 4): what was asked, how it was
 * routed, its state, and once it ended, its exact cost. The same shape is held in the cluster-wide
 * map of live calls, returned by {@code GET /v1/calls/{id}} and {@code GET /v1/messages/{id}}, and
 * handed to the cdr-writer when the call ends. Immutable: change it with {@link #toBuilder()}.
 *
 * @param id Switchboard's id (a UUID)
 * @param tenantId the tenant (a UUID)
 * @param service {@code VOICE} for a call, {@code SMS} for a message
 * @param direction {@code outbound} (the only direction placed through the API)
 * @param from the caller's or sender's E.164 number ({@code +15550100}), or null for the carrier's default
 * @param to the destination, E.164
 * @param callerName caller-id name, or null
 * @param timeoutS how long the callee may ring, s, or null (carrier default)
 * @param record whether the call is recorded
 * @param statusCallback the URL that receives this call's signed webhooks, or null
 * @param metadata the tenant's own JSON object, returned as given, or null
 * @param body the message text (SMS), or null
 * @param encoding {@code gsm7} or {@code ucs2} (SMS), or null
 * @param segments SMS parts billed, or null
 * @param state the state's wire name: a {@link CallState} for calls, a {@link MessageState} for messages
 * @param carrier the carrier of the accepting (or last) attempt, or null
 * @param carrierCallId that carrier's id for the call or message, or null
 * @param deckVersion the rate-deck version that priced it, or null
 * @param matchedPrefix the deck prefix that priced it, or null
 * @param rate price per minute (voice) or per segment (SMS), or null when unrouted
 * @param connectFee connect fee of an answered call, or null
 * @param increment billing increment of the rate (voice), or null
 * @param createdAt when the request was accepted (UTC)
 * @param answeredAt when the callee answered, or null
 * @param endedAt when the call or message reached its final state, or null
 * @param updatedAt the last change
 * @param durationS answered duration (answer to hang-up), s, or null
 * @param billedSeconds duration rounded by the billing increment, s, or null
 * @param cost exact cost once final (0 for unanswered calls), or null while live
 * @param errorCode the TEL code of a failure ({@code TEL-202} busy), or null
 * @param failureReason a failure's explanation for people, or null
 * @param sipCode the final SIP response code reported, or null
 * @param q850Cause the Q.850 cause reported, or null
 * @param attempts every attempt, in order (empty before routing)
 */
public record CallRecord(String id, String tenantId, Service service, String direction, String from, String to,
                         String callerName, Integer timeoutS, boolean record, String statusCallback, JsonNode metadata,
                         String body, String encoding, Integer segments, String state, String carrier,
                         String carrierCallId, Long deckVersion, String matchedPrefix, Money rate, Money connectFee,
                         BillingIncrement increment, Instant createdAt, Instant answeredAt, Instant endedAt,
                         Instant updatedAt, Integer durationS, Integer billedSeconds, Money cost, String errorCode,
                         String failureReason, Integer sipCode, Integer q850Cause, List<Attempt> attempts) {

    /**
     * Validates the essentials and copies {@code attempts}.
     *
     * @throws NullPointerException if {@code id}, {@code tenantId}, {@code service}, {@code to},
     *     {@code state} or {@code createdAt} is null
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public CallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        metadata = metadata == null ? null : metadata.deepCopy();
    }

    /** @return whether this is a call (voice) rather than a message */
    public boolean voice() {
        return service == Service.VOICE;
    }

    /** @return whether the call or message reached a final state (nothing will change it) */
    public boolean finished() {
        return voice() ? CallState.fromWire(state).isFinal() : MessageState.fromWire(state).isFinal();
    }

    /** @return a builder holding every component of this record */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a copy of a {@link CallRecord} field by field; {@link #build()} validates. */
    public static final class Builder {
        private final String id;
        private final String tenantId;
        private final Service service;
        private final String direction;
        private final String from;
        private final String to;
        private final String callerName;
        private final Integer timeoutS;
        private final boolean record;
        private final String statusCallback;
        private final JsonNode metadata;
        private final String body;
        private final String encoding;
        private final Integer segments;
        private final Instant createdAt;
        private String state;
        private String carrier;
        private String carrierCallId;
        private Long deckVersion;
        private String matchedPrefix;
        private Money rate;
        private Money connectFee;
        private BillingIncrement increment;
        private Instant answeredAt;
        private Instant endedAt;
        private Instant updatedAt;
        private Integer durationS;
        private Integer billedSeconds;
        private Money cost;
        private String errorCode;
        private String failureReason;
        private Integer sipCode;
        private Integer q850Cause;
        private List<Attempt> attempts;

        private Builder(CallRecord r) {
            id = r.id;
            tenantId = r.tenantId;
            service = r.service;
            direction = r.direction;
            from = r.from;
            to = r.to;
            callerName = r.callerName;
            timeoutS = r.timeoutS;
            record = r.record;
            statusCallback = r.statusCallback;
            metadata = r.metadata;
            body = r.body;
            encoding = r.encoding;
            segments = r.segments;
            createdAt = r.createdAt;
            state = r.state;
            carrier = r.carrier;
            carrierCallId = r.carrierCallId;
            deckVersion = r.deckVersion;
            matchedPrefix = r.matchedPrefix;
            rate = r.rate;
            connectFee = r.connectFee;
            increment = r.increment;
            answeredAt = r.answeredAt;
            endedAt = r.endedAt;
            updatedAt = r.updatedAt;
            durationS = r.durationS;
            billedSeconds = r.billedSeconds;
            cost = r.cost;
            errorCode = r.errorCode;
            failureReason = r.failureReason;
            sipCode = r.sipCode;
            q850Cause = r.q850Cause;
            attempts = r.attempts;
        }

        /** @return this builder with the state's wire name */
        public Builder state(String value) {
            state = value;
            return this;
        }

        /** @return this builder with the carrier of the accepting attempt and its id for the call */
        public Builder carrier(String carrierId, String carrierCallIdValue) {
            carrier = carrierId;
            carrierCallId = carrierCallIdValue;
            return this;
        }

        /** @return this builder with the price that applies: deck version, prefix, rate, fee, increment */
        public Builder pricing(Long version, String prefix, Money rateValue, Money fee, BillingIncrement incrementValue) {
            deckVersion = version;
            matchedPrefix = prefix;
            rate = rateValue;
            connectFee = fee;
            increment = incrementValue;
            return this;
        }

        /** @return this builder with the answer time */
        public Builder answeredAt(Instant value) {
            answeredAt = value;
            return this;
        }

        /** @return this builder with the end time */
        public Builder endedAt(Instant value) {
            endedAt = value;
            return this;
        }

        /** @return this builder with the time of the change */
        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        /** @return this builder with the answered duration and the billed seconds, s */
        public Builder duration(Integer seconds, Integer billed) {
            durationS = seconds;
            billedSeconds = billed;
            return this;
        }

        /** @return this builder with the final cost */
        public Builder cost(Money value) {
            cost = value;
            return this;
        }

        /** @return this builder with a failure's TEL code and explanation */
        public Builder failure(String code, String reason) {
            errorCode = code;
            failureReason = reason;
            return this;
        }

        /** @return this builder with the SIP code and Q.850 cause reported (null keeps the current) */
        public Builder sip(Integer code, Integer q850) {
            if (code != null) {
                sipCode = code;
            }
            if (q850 != null) {
                q850Cause = q850;
            }
            return this;
        }

        /** @return this builder with the attempts */
        public Builder attempts(List<Attempt> value) {
            attempts = value;
            return this;
        }

        /** @return the record */
        public CallRecord build() {
            return new CallRecord(id, tenantId, service, direction, from, to, callerName, timeoutS, record,
                    statusCallback, metadata, body, encoding, segments, state, carrier, carrierCallId, deckVersion,
                    matchedPrefix, rate, connectFee, increment, createdAt, answeredAt, endedAt, updatedAt, durationS,
                    billedSeconds, cost, errorCode, failureReason, sipCode, q850Cause, attempts);
        }
    }
}
