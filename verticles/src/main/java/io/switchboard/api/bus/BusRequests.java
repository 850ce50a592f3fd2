package io.switchboard.api.bus;

import io.switchboard.api.FieldRules;
import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallLookup;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.messages.SmsSegments;
import java.util.UUID;

/**
 * Validates a request that arrived on a public event-bus address and rebinds it to the
 * authenticated key: whatever {@code tenantId} and {@code sandboxOnly} the sender put in the record
 * are replaced by the key's tenant and kind (a {@code sk_test_} key reaches only sandbox carriers), so
 * a service cannot act for another tenant or reach live carriers with a test key. Limits are those
 * of the REST bodies; field names are the records' JSON names (snake_case). Every failure is TEL-011
 * with {@code details.field}.
 */
final class BusRequests {

    private static final int METADATA_MAX_BYTES = 4096;

    private BusRequests() {
    }

    /** @return the question, for the key's tenant; TEL-011 for a missing {@code to} or {@code service} */
    static RouteRequest route(RouteRequest r, ApiPrincipal key) {
        required("to", r.to());
        required("service", r.service());
        return new RouteRequest(requestId(r.requestId()), r.service(), r.to(), key.tenantId(), r.from(),
                r.preferredCarrier(), r.avoid(), r.maxRate()).withSandboxOnly(!key.live());
    }

    /**
     * @return the call, for the key's tenant; TEL-011 naming {@code to}, {@code from},
     *     {@code caller_name} (at most 64 characters), {@code timeout_s} (1..600),
     *     {@code status_callback} (http(s) URL) or {@code metadata} (object, at most 4096 bytes)
     */
    static CallRequest call(CallRequest r, ApiPrincipal key) {
        required("to", r.to());
        required("from", r.from());
        if (r.callerName() != null) {
            FieldRules.text("caller_name", r.callerName(), 64);
        }
        if (r.timeoutS() != null) {
            FieldRules.range("timeout_s", r.timeoutS(), 1, 600);
        }
        if (r.statusCallback() != null) {
            FieldRules.url("status_callback", r.statusCallback());
        }
        if (r.metadata() != null) {
            FieldRules.object("metadata", r.metadata(), METADATA_MAX_BYTES);
        }
        return new CallRequest(key.tenantId(), requestId(r.requestId()), r.to(), r.from(), r.callerName(), r.timeoutS(),
                r.record(), r.statusCallback(), r.metadata(), !key.live());
    }

    /**
     * @param maxSegments {@code calls.max-message-segments}
     * @return the message, for the key's tenant; TEL-011 naming {@code to}, {@code from}, {@code body}
     *     (1..1600 characters, at most {@code maxSegments} segments), {@code status_callback} or
     *     {@code metadata}
     */
    static MessageRequest message(MessageRequest r, ApiPrincipal key, int maxSegments) {
        required("to", r.to());
        required("from", r.from());
        if (r.body().isEmpty()) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: expected 1 to 1600 characters, got 0");
        }
        FieldRules.text("body", r.body(), 1600);
        int segments = SmsSegments.of(r.body()).segments();
        if (segments > maxSegments) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "body", "body: " + segments
                    + " segments, at most " + maxSegments + " are sent");
        }
        if (r.statusCallback() != null) {
            FieldRules.url("status_callback", r.statusCallback());
        }
        if (r.metadata() != null) {
            FieldRules.object("metadata", r.metadata(), METADATA_MAX_BYTES);
        }
        return new MessageRequest(key.tenantId(), requestId(r.requestId()), r.to(), r.from(), r.body(),
                r.statusCallback(), r.metadata(), !key.live());
    }

    /** @return the lookup, for {@code tenant}; TEL-011 naming {@code id} when it is not a UUID */
    static CallLookup lookup(CallLookup r, String tenant) {
        try {
            return new CallLookup(tenant, UUID.fromString(r.id()).toString());
        } catch (IllegalArgumentException e) {
            String raw = r.id().length() > 40 ? r.id().substring(0, 40) + "..." : r.id();
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "id", "id: expected a UUID, got '" + raw + "'");
        }
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field + ": required");
        }
    }

    private static String requestId(String given) {
        return given == null || !given.matches("[A-Za-z0-9._:-]{1,128}") ? UUID.randomUUID().toString() : given;
    }
}
