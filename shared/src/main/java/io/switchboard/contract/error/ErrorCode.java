package io.switchboard.contract.error;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code TEL-xxx} code that may leave Switchboard (REST body, gRPC status details, event-bus
 * failure, event payload), one constant per row of {@code ../shared/reference/error-codes.md}
 * (which follows the DartwingTel seed, appendix A; codes past TEL-6xx are ours).
 *
 * <p>JSON: the wire code, e.g. {@code "TEL-001"}.
 *
 * <p>HTTP status: the table's column. Two special cases:
 * <ul>
 *   <li>{@link #TEL_011} is listed as "400 / 413": {@link #httpStatus()} is 400, and the
 *       body-too-large case throws a {@link SwitchboardException} with a 413 status override.</li>
 *   <li>Event-only codes (the table's "—": TEL-201..204, TEL-301, TEL-302) have
 *       {@link #httpStatus()} 0 and {@link #isEventOnly()} true. They are call outcomes reported
 *       in {@code call.failed} events (SIP code in {@code details.sip_code}), never HTTP
 *       statuses.</li>
 * </ul>
 */
public enum ErrorCode {

    /** Invalid phone number (not E.164, or not valid for its region). HTTP 400. */
    TEL_001("TEL-001", "validation", "invalid phone number", 400),
    /** Number not reachable: no carrier covers this destination for this service. HTTP 422. */
    TEL_002("TEL-002", "delivery", "number not reachable", 422),
    /** Rate limit exceeded; the response sets {@code Retry-After}. HTTP 429. */
    TEL_003("TEL-003", "rate limit", "rate limit exceeded", 429),
    /** Insufficient balance or spend cap reached. HTTP 402. */
    TEL_004("TEL-004", "billing", "insufficient balance", 402),
    /** Permission denied: key lacks the scope, or the resource is another tenant's. HTTP 403. */
    TEL_005("TEL-005", "auth", "permission denied", 403),
    /** Carrier error after every candidate was tried (details list each attempt). HTTP 502. */
    TEL_006("TEL-006", "carrier", "carrier error", 502),
    /** Operation timed out. HTTP 504. */
    TEL_007("TEL-007", "timeout", "operation timed out", 504),
    /** Missing or invalid API key. HTTP 401. */
    TEL_008("TEL-008", "auth", "missing or invalid API key", 401),
    /** Feature not enabled. HTTP 403. */
    TEL_009("TEL-009", "config", "feature not enabled", 403),
    /** Blocked by compliance policy (quiet hours, consent). HTTP 403. */
    TEL_010("TEL-010", "compliance", "blocked by compliance policy", 403),
    /**
     * Malformed request (bad JSON, unknown field, value out of range, body too large). HTTP 400;
     * the body-too-large case overrides it with 413 on the {@link SwitchboardException}.
     */
    TEL_011("TEL-011", "validation", "malformed request", 400),
    /** Idempotency key reused with a different request body. HTTP 409. */
    TEL_012("TEL-012", "conflict", "idempotency key reused with a different request", 409),
    /** No such resource (for this tenant). HTTP 404. */
    TEL_013("TEL-013", "not found", "no such resource", 404),
    /** SMS: invalid sender ID. HTTP 400. */
    TEL_101("TEL-101", "SMS", "invalid sender ID", 400),
    /** SMS: content blocked. HTTP 403. */
    TEL_102("TEL-102", "SMS", "content blocked", 403),
    /** SMS: destination on the do-not-contact list. HTTP 403. */
    TEL_103("TEL-103", "SMS", "destination on the do-not-contact list", 403),
    /** Voice: call failed (event only; {@code details.sip_code}, {@code details.q850}). */
    TEL_201("TEL-201", "voice", "call failed", 0),
    /** Voice: busy (SIP 486). Event only. */
    TEL_202("TEL-202", "voice", "busy", 0),
    /** Voice: no answer (SIP 480 / 408 / ring timeout). Event only. */
    TEL_203("TEL-203", "voice", "no answer", 0),
    /** Voice: rejected (SIP 603). Event only. */
    TEL_204("TEL-204", "voice", "rejected", 0),
    /** Fax: negotiation failed. Event only. */
    TEL_301("TEL-301", "fax", "negotiation failed", 0),
    /** Fax: transmission error. Event only. */
    TEL_302("TEL-302", "fax", "transmission error", 0),
    /** Fax: invalid document. HTTP 400. */
    TEL_303("TEL-303", "fax", "invalid document", 400),
    /** Number: not available. HTTP 404. */
    TEL_401("TEL-401", "number", "number not available", 404),
    /** Number: port rejected. HTTP 422. */
    TEL_402("TEL-402", "number", "port rejected", 422),
    /** E911: invalid address. HTTP 400. */
    TEL_501("TEL-501", "E911", "invalid address", 400),
    /** E911: PSAP unreachable. HTTP 503. */
    TEL_502("TEL-502", "E911", "PSAP unreachable", 503),
    /**
     * Routing: no route; every covering carrier is excluded (disabled, breaker open, over
     * capacity); details list each. HTTP 503.
     */
    TEL_601("TEL-601", "routing", "no route", 503),
    /** Routing: rate deck rejected on import (details: row numbers and reasons). HTTP 422. */
    TEL_602("TEL-602", "routing", "rate deck rejected", 422),
    /**
     * Ours, past the reference table ("codes past TEL-6xx are ours"): an internal error, a bug
     * on Switchboard's side. The message carries the request id; the stack trace goes to the log
     * only. HTTP 500.
     */
    TEL_900("TEL-900", "internal", "internal error", 500);

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final String category;
    private final String meaning;
    private final int httpStatus;

    ErrorCode(String code, String category, String meaning, int httpStatus) {
        this.code = code;
        this.category = category;
        this.meaning = meaning;
        this.httpStatus = httpStatus;
    }

    /** @return the wire code, e.g. {@code "TEL-001"}; also the JSON form of this constant */
    @JsonValue
    public String code() {
        return code;
    }

    /** @return the table's category, e.g. {@code "validation"}, {@code "SMS"}, {@code "E911"} */
    public String category() {
        return category;
    }

    /** @return a short default message, e.g. {@code "invalid phone number"} */
    public String meaning() {
        return meaning;
    }

    /**
     * @return the HTTP status of the code table (400 for TEL-011; see the class comment), or 0
     *     for an event-only code
     */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return true for codes only reported in events (the table's "—"): no HTTP status */
    public boolean isEventOnly() {
        return httpStatus == 0;
    }

    /**
     * Looks a code up by its wire form.
     *
     * @param code the wire code, e.g. {@code "TEL-001"} (exact, upper case)
     * @return the constant
     * @throws IllegalArgumentException if the code is null or not in the table
     */
    @JsonCreator
    public static ErrorCode fromCode(String code) {
        ErrorCode found = code == null ? null : BY_CODE.get(code);
        if (found == null) {
            throw new IllegalArgumentException("unknown error code: " + code);
        }
        return found;
    }
}
