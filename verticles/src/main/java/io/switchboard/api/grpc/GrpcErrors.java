package io.switchboard.api.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.switchboard.contract.Json;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.Map;

/**
 * How a TEL error leaves the gRPC door. The status code follows {@link #status(ErrorCode)}; the
 * status message ({@code grpc-message}) is {@code "TEL-xxx: <the error's message>"}; the trailers
 * carry {@value #CODE_TRAILER} (the TEL code), {@value #FIELD_TRAILER} (the offending request
 * field, only when the error names one) and {@value #DETAILS_TRAILER} (the error's details as a
 * JSON object, non-ASCII escaped as {@code \\uXXXX} since HTTP/2 header values are ASCII).
 */
public final class GrpcErrors {

    /** Trailer with the TEL code, e.g. {@code TEL-011}. */
    public static final String CODE_TRAILER = "switchboard-error-code";
    /** Trailer with the field the error is about, e.g. {@code to}; absent when none. */
    public static final String FIELD_TRAILER = "switchboard-error-field";
    /** Trailer with the error's details as a JSON object, e.g. {@code {"field":"to"}}. */
    public static final String DETAILS_TRAILER = "switchboard-error-details";

    private GrpcErrors() {
    }

    /**
     * The gRPC status of each TEL code (the README's gRPC table).
     *
     * @param code a TEL code
     * @return its status: validation codes (TEL-001, TEL-011, TEL-101, TEL-303, TEL-501)
     *     INVALID_ARGUMENT; TEL-008 UNAUTHENTICATED; TEL-005, TEL-010, TEL-102, TEL-103
     *     PERMISSION_DENIED; TEL-013, TEL-401 NOT_FOUND; TEL-003 RESOURCE_EXHAUSTED; TEL-002
     *     (nothing covers the destination), TEL-004, TEL-009, TEL-402, TEL-602
     *     FAILED_PRECONDITION; TEL-601 (every covering carrier excluded now), TEL-006, TEL-502
     *     UNAVAILABLE; TEL-007 DEADLINE_EXCEEDED; TEL-012 ALREADY_EXISTS; the call outcomes
     *     (TEL-201..204, TEL-301, TEL-302) ABORTED; TEL-900 INTERNAL
     */
    public static GrpcStatus status(ErrorCode code) {
        return switch (code) {
            case TEL_001, TEL_011, TEL_101, TEL_303, TEL_501 -> GrpcStatus.INVALID_ARGUMENT;
            case TEL_008 -> GrpcStatus.UNAUTHENTICATED;
            case TEL_005, TEL_010, TEL_102, TEL_103 -> GrpcStatus.PERMISSION_DENIED;
            case TEL_013, TEL_401 -> GrpcStatus.NOT_FOUND;
            case TEL_003 -> GrpcStatus.RESOURCE_EXHAUSTED;
            case TEL_002, TEL_004, TEL_009, TEL_402, TEL_602 -> GrpcStatus.FAILED_PRECONDITION;
            case TEL_006, TEL_502, TEL_601 -> GrpcStatus.UNAVAILABLE;
            case TEL_007 -> GrpcStatus.DEADLINE_EXCEEDED;
            case TEL_012 -> GrpcStatus.ALREADY_EXISTS;
            case TEL_201, TEL_202, TEL_203, TEL_204, TEL_301, TEL_302 -> GrpcStatus.ABORTED;
            case TEL_900 -> GrpcStatus.INTERNAL;
        };
    }

    /**
     * Ends {@code response} with the error (status, message and trailers as in the class comment).
     *
     * @param response a response whose headers may or may not have been sent
     * @param failure a {@link SwitchboardException}, or an event-bus failure ({@link BusErrors#toException})
     * @param address what was asked, for the message of an unexpected failure
     */
    public static void end(GrpcServerResponse<?, ?> response, Throwable failure, String address) {
        SwitchboardException error = BusErrors.toException(failure, address);
        response.trailers().set(CODE_TRAILER, error.code().code());
        Object field = error.details().get("field");
        if (field != null) {
            response.trailers().set(FIELD_TRAILER, ascii(String.valueOf(field)));
        }
        response.trailers().set(DETAILS_TRAILER, details(error.details()));
        response.status(status(error.code())).statusMessage(error.code().code() + ": " + error.getMessage()).end();
    }

    private static String details(Map<String, Object> details) {
        try {
            return Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static String ascii(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
