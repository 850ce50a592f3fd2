package io.switchboard.carrier.twilio;

import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes the Twilio sandbox answers with, as twilio-oai {@code twilio_api_v2010.json}
 * defines them: {@code api.v2010.account.call}, {@code api.v2010.account.message},
 * {@code api.v2010.account} and the error body {@code {code, message, more_info, status}}.
 * Dates are RFC 2822 in UTC ({@code Tue, 31 Aug 2010 20:36:28 +0000}); {@code duration} is a
 * string of seconds.
 *
 * <p>The sandbox's {@link SimCall} does not say which account it belongs to, so
 * {@code account_sid} and {@code uri} of calls and messages are null (both are nullable in the spec).
 */
final class TwilioResources {

    /** The API version Twilio reports. */
    static final String API_VERSION = "2010-04-01";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> CALL_WORDS = Set.of("queued", "initiated", "ringing", "in-progress",
            "completed", "busy", "no-answer", "canceled", "failed");
    private static final Set<String> MESSAGE_WORDS = Set.of("accepted", "queued", "sending", "sent", "delivered",
            "undelivered", "failed", "canceled", "read");
    private static final Map<CallState, String> CALL_WORD = Map.of(CallState.QUEUED, "queued",
            CallState.INITIATED, "initiated", CallState.RINGING, "ringing", CallState.ANSWERED, "in-progress",
            CallState.COMPLETED, "completed", CallState.BUSY, "busy", CallState.NO_ANSWER, "no-answer",
            CallState.CANCELED, "canceled", CallState.REJECTED, "busy", CallState.FAILED, "failed");
    private static final Map<MessageState, String> MESSAGE_WORD = Map.of(MessageState.QUEUED, "queued",
            MessageState.SENT, "sent", MessageState.DELIVERED, "delivered", MessageState.FAILED, "undelivered");
    private static final Map<SimError.Kind, Integer> ERROR_CODE = Map.of(
            SimError.Kind.UNAUTHORIZED, 20003, SimError.Kind.INVALID_REQUEST, 21201,
            SimError.Kind.INVALID_NUMBER, 21211, SimError.Kind.NOT_FOUND, 20404,
            SimError.Kind.RATE_LIMITED, 20429, SimError.Kind.SERVER_ERROR, 20500);

    private TwilioResources() {
    }

    /** @return Twilio's {@code CallStatus} for a state (REJECTED is reported as {@code busy}, with SIP 603) */
    static String callWord(CallState state) {
        return CALL_WORD.get(state);
    }

    /** @return Twilio's {@code MessageStatus} for a state (FAILED is {@code undelivered}) */
    static String messageWord(MessageState state) {
        return MESSAGE_WORD.get(state);
    }

    /**
     * @param status a {@link SimCall#status()}: the normalized state's wire name ({@code no_answer}),
     *     translated; a Twilio word is kept
     * @return the Twilio word for the resource's {@code status}
     */
    static String word(String status, boolean message) {
        if (status == null) {
            return "queued";
        }
        try {
            return message ? messageWord(MessageState.fromWire(status)) : callWord(CallState.fromWire(status));
        } catch (IllegalArgumentException notState) {
            return (message ? MESSAGE_WORDS : CALL_WORDS).contains(status) ? status : "queued";
        }
    }

    /** @return the call resource ({@code api.v2010.account.call}) in the call's current state */
    static JsonObject call(SimCall call) {
        String status = word(call.status(), false);
        // The Call resource has no "initiated" status: Twilio reports such a call as queued.
        status = "initiated".equals(status) ? "queued" : status;
        boolean started = !"queued".equals(status);
        return new JsonObject().put("sid", call.id()).put("date_created", date(call.createdAt()))
                .put("date_updated", date(latest(call))).putNull("parent_call_sid").putNull("account_sid")
                .put("to", call.to()).put("to_formatted", call.to()).put("from", call.from())
                .put("from_formatted", call.from()).putNull("phone_number_sid").put("status", status)
                .put("start_time", started ? date(call.createdAt()) : null).put("end_time", date(call.endedAt()))
                .put("duration", call.endedAt() == null ? null : String.valueOf(call.durationS()))
                .putNull("price").put("price_unit", "USD").put("direction", "outbound-api").putNull("answered_by")
                .put("api_version", API_VERSION).putNull("forwarded_from").putNull("group_sid")
                .putNull("caller_name").put("queue_time", "0").putNull("trunk_sid").putNull("uri")
                .putNull("subresource_uris");
    }

    /** @return the message resource ({@code api.v2010.account.message}) in its current state */
    static JsonObject message(SimCall message) {
        String status = word(message.status(), true);
        boolean failed = "undelivered".equals(status) || "failed".equals(status);
        return new JsonObject().put("body", message.text()).put("num_segments", "1")
                .put("direction", "outbound-api").put("from", message.from()).put("to", message.to())
                .put("date_updated", date(latest(message))).putNull("price")
                .put("error_message", failed ? "Unreachable destination handset" : null).putNull("uri")
                .putNull("account_sid").put("num_media", "0").put("status", status).putNull("messaging_service_sid")
                .put("sid", message.id()).put("date_sent", date(message.endedAt()))
                .put("date_created", date(message.createdAt())).put("error_code", failed ? 30003 : null)
                .put("price_unit", "USD").put("api_version", API_VERSION).putNull("subresource_uris");
    }

    /** @return the account resource ({@code api.v2010.account}) of {@code accountSid}, without its auth token */
    static JsonObject account(String accountSid) {
        return new JsonObject().putNull("auth_token").putNull("date_created").putNull("date_updated")
                .put("friendly_name", "Switchboard sandbox").put("owner_account_sid", accountSid)
                .put("sid", accountSid).put("status", "active").putNull("subresource_uris").put("type", "Full")
                .put("uri", TwilioRequests.API + accountSid + ".json");
    }

    /**
     * @return Twilio's error response for {@code error}: the kind's HTTP status and
     *     {@code {code, message, more_info, status}} with one representative code per kind (20003,
     *     21201, 21211, 20404, 20429, 20500)
     */
    static CarrierHttpResponse error(SimError error) {
        int code = ERROR_CODE.get(error.kind());
        JsonObject body = new JsonObject().put("code", code).put("message", error.detail())
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", error.kind().status());
        return json(error.kind().status(), body);
    }

    /** @return a JSON response with {@code status} */
    static CarrierHttpResponse json(int status, JsonObject body) {
        return new CarrierHttpResponse(status, Map.of("Content-Type", List.of("application/json")),
                body.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** @return {@code at} in RFC 2822, UTC, or null */
    static String date(Instant at) {
        return at == null ? null : RFC_2822.format(at);
    }

    private static Instant latest(SimCall call) {
        return call.endedAt() != null ? call.endedAt() : call.answeredAt() != null ? call.answeredAt() : call.createdAt();
    }
}
