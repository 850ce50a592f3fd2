package io.switchboard.carrier.plivo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.contract.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The response bodies of the simulated Plivo API, in the shapes of the plivo-python fixtures
 * ({@code tests/resources/fixtures/callCreateResponse.json}, the call detail record, the live call,
 * the account) and its error body {@code {"api_id","error"}}. Amounts are decimal strings, as
 * Plivo sends them.
 */
final class PlivoSimBodies {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private PlivoSimBodies() {
    }

    /**
     * @return 201 {@code {"api_id","message":"call fired","request_uuid"}} for a call, 202
     *     {@code {"api_id","message":"message(s) queued","message_uuid":[id]}} for a message
     */
    static CarrierHttpResponse accepted(SimCall call) {
        ObjectNode body = Json.mapper().createObjectNode().put("api_id", apiId("accepted", call.id()));
        if (call.message()) {
            body.put("message", "message(s) queued").putArray("message_uuid").add(call.id());
            return response(202, body);
        }
        body.put("message", "call fired").put("request_uuid", call.id());
        return response(201, body);
    }

    /**
     * @return 200 with the live call ({@code call_status}, {@code call_uuid}, {@code request_uuid},
     *     ...) while it lasts, its call detail record ({@code call_duration}, {@code bill_duration} in
     *     seconds, {@code end_time}, ...) once it ended, or the message record for a message
     */
    static CarrierHttpResponse fetched(SimCall call) {
        ObjectNode body = Json.mapper().createObjectNode().put("api_id", apiId("fetched", call.id()));
        if (call.message()) {
            body.put("message_uuid", call.id()).put("message_state", call.status()).put("message_type", "sms")
                    .put("message_direction", "outbound").put("from_number", digits(call.from()))
                    .put("to_number", digits(call.to())).put("units", 1).put("total_amount", "0.00000")
                    .put("total_rate", "0.00000").put("message_time", time(call.createdAt().toString()));
            return response(200, body);
        }
        String callUuid = PlivoSimulator.callUuid(call.id());
        if (call.endedAt() == null) {
            body.put("call_status", call.status()).put("call_uuid", callUuid).put("direction", "outbound")
                    .put("from", digits(call.from())).put("to", digits(call.to())).put("request_uuid", call.id())
                    .put("session_start", time(call.createdAt().toString()));
            return response(200, body);
        }
        body.put("answer_time", call.answeredAt() == null ? null : time(call.answeredAt().toString()))
                .put("bill_duration", call.durationS()).put("billed_duration", call.durationS())
                .put("call_direction", "outbound").put("call_duration", call.durationS()).put("call_uuid", callUuid)
                .put("end_time", time(call.endedAt().toString())).put("from_number", digits(call.from()))
                .put("initiation_time", time(call.createdAt().toString())).putNull("parent_call_uuid")
                .put("resource_uri", "/v1/Account/Call/" + callUuid + "/").put("to_number", digits(call.to()))
                .put("total_amount", "0.00000").put("total_rate", "0.00850");
        return response(200, body);
    }

    /** @return 200 with the account resource ({@code auth_id}, {@code cash_credits} as a string, ...) */
    static CarrierHttpResponse account(String authId) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("account_type", "standard").put("api_id", apiId("account", authId)).put("auth_id", authId)
                .put("auto_recharge", false).put("billing_mode", "prepaid").put("cash_credits", "100.00000")
                .put("name", "Sandbox").put("resource_uri", "/v1/Account/" + authId + "/").put("timezone", "UTC");
        return response(200, body);
    }

    /**
     * @return the error's status (401, 400, 400, 404, 429, 503) with
     *     {@code {"api_id":"...","error":"<detail>"}}; an invalid number says "invalid destination
     *     number", as {@link PlivoErrors} recognizes it
     */
    static CarrierHttpResponse error(SimError error) {
        String detail = error.detail() == null ? error.kind().name().toLowerCase() : error.detail();
        if (error.kind() == SimError.Kind.INVALID_NUMBER && !detail.contains("invalid destination number")) {
            detail = "invalid destination number: " + detail;
        }
        ObjectNode body = Json.mapper().createObjectNode().put("api_id", apiId("error", detail)).put("error", detail);
        return response(error.kind().status(), body);
    }

    /** @return the number without its {@code +}, as Plivo writes numbers in records and callbacks */
    static String digits(String number) {
        return number != null && number.startsWith("+") ? number.substring(1) : number;
    }

    /** @return an RFC 3339 UTC time as Plivo writes it: {@code 2024-01-02 03:04:05+00:00} (no fraction) */
    static String time(String instant) {
        String noFraction = instant.replaceFirst("\\.\\d+Z$", "Z");
        return noFraction.replace('T', ' ').replace("Z", "+00:00");
    }

    private static String apiId(String purpose, String key) {
        return UUID.nameUUIDFromBytes((purpose + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static CarrierHttpResponse response(int status, ObjectNode body) {
        try {
            return new CarrierHttpResponse(status, JSON, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Plivo body", e);
        }
    }
}
