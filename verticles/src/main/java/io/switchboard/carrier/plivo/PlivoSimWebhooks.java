package io.switchboard.carrier.plivo;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The callbacks the simulated Plivo sends: form POSTs signed with V3
 * ({@code X-Plivo-Signature-V3}, {@code X-Plivo-Signature-Ma-V3}, {@code X-Plivo-Signature-V3-Nonce},
 * {@link PlivoSignature}) to the URLs the request named.
 *
 * <p>Calls: RINGING → ring_url ({@code CallStatus=ringing}), ANSWERED → answer_url
 * ({@code in-progress}), a final state → hangup_url with {@code CallStatus}, {@code HangupCauseCode},
 * {@code HangupCauseName}, {@code HangupSource}, {@code Duration} and {@code BillDuration} (s):
 * COMPLETED {@code completed}/4000 Normal Hangup, CANCELED {@code cancel}/1000 Canceled, FAILED
 * {@code failed}/2010 Destination Out Of Service (codes from
 * https://docs.plivo.com/docs/voice/troubleshooting/hangup-causes); BUSY {@code busy}/3000,
 * NO_ANSWER {@code no-answer}/3020 and REJECTED {@code failed}/3010 use codes of Plivo's 3xxx
 * callee family whose exact numbers were not verified; {@code HangupCause} carries the Q.850-style
 * name ({@code NORMAL_CLEARING}, {@code USER_BUSY}, ...). Every callback carries {@code CallUUID},
 * {@code RequestUUID}, {@code ALegUUID}, {@code ALegRequestUUID}, {@code From}, {@code To}
 * (digits, no {@code +}), {@code Direction=outbound} and {@code Event}. QUEUED and INITIATED send
 * nothing (Plivo has no such callback).
 *
 * <p>Messages: SENT, DELIVERED and FAILED post {@code Status} {@code sent}, {@code delivered} or
 * {@code failed} (with sandbox {@code ErrorCode=1000}) to the request's {@code url}, with
 * {@code MessageUUID}, {@code From}, {@code To}, {@code Type=sms}, {@code Units=1}.
 */
final class PlivoSimWebhooks {

    private static final Map<CallState, String[]> FINALS = Map.of(
            CallState.COMPLETED, new String[] {"completed", "4000", "Normal Hangup", "Call recipient",
                    "NORMAL_CLEARING"},
            CallState.BUSY, new String[] {"busy", "3000", "Busy Line", "Call recipient", "USER_BUSY"},
            CallState.NO_ANSWER, new String[] {"no-answer", "3020", "No Answer", "Plivo", "NO_ANSWER"},
            CallState.CANCELED, new String[] {"cancel", "1000", "Canceled", "API Request", "ORIGINATOR_CANCEL"},
            CallState.REJECTED, new String[] {"failed", "3010", "Rejected", "Call recipient", "CALL_REJECTED"},
            CallState.FAILED, new String[] {"failed", "2010", "Destination Out Of Service", "Carrier",
                    "DESTINATION_OUT_OF_ORDER"});
    private static final SecureRandom NONCES = new SecureRandom();

    private PlivoSimWebhooks() {
    }

    /** See the class comment; the nonce is 20 random digits. */
    static List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, String authToken, Instant now) {
        Map.Entry<String, FormBody> callback = call.message() ? message(call, event.messageState())
                : call(call, event.callState());
        if (callback == null || callback.getKey() == null) {
            return List.of();
        }
        String url = callback.getKey();
        FormBody form = callback.getValue();
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.fields().forEach(field -> params.computeIfAbsent(field.getKey(), k -> new ArrayList<>())
                .add(field.getValue()));
        String nonce = nonce();
        String signature = PlivoSignature.sign(authToken, PlivoSignature.stringToSign("POST", url, params), nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        headers.put(PlivoSignature.SIGNATURE_HEADER, signature);
        headers.put("X-Plivo-Signature-Ma-V3", signature);
        headers.put(PlivoSignature.NONCE_HEADER, nonce);
        return List.of(new CarrierHttpRequest("POST", url, headers, form.bytes()));
    }

    private static Map.Entry<String, FormBody> call(SimCall call, CallState state) {
        String purpose;
        String status;
        String event;
        if (state == CallState.RINGING) {
            purpose = "ring";
            status = "ringing";
            event = "Ring";
        } else if (state == CallState.ANSWERED) {
            purpose = "answer";
            status = "in-progress";
            event = "StartApp";
        } else if (state.isFinal()) {
            purpose = "hangup";
            status = FINALS.get(state)[0];
            event = "Hangup";
        } else {
            return null;
        }
        String callUuid = PlivoSimulator.callUuid(call.id());
        FormBody form = new FormBody().add("Direction", "outbound")
                .add("From", PlivoSimBodies.digits(call.from())).add("To", PlivoSimBodies.digits(call.to()))
                .add("CallUUID", callUuid).add("RequestUUID", call.id())
                .add("ALegUUID", callUuid).add("ALegRequestUUID", call.id())
                .add("CallStatus", status).add("Event", event);
        if (state.isFinal()) {
            String[] detail = FINALS.get(state);
            form.add("HangupCause", detail[4]).add("HangupCauseCode", detail[1])
                    .add("HangupCauseName", detail[2]).add("HangupSource", detail[3])
                    .add("Duration", call.durationS()).add("BillDuration", call.durationS())
                    .add("StartTime", PlivoSimBodies.time(call.createdAt().toString()));
            if (call.endedAt() != null) {
                form.add("EndTime", PlivoSimBodies.time(call.endedAt().toString()));
            }
        }
        return new AbstractMap.SimpleEntry<>(call.callbacks().get(purpose), form);
    }

    private static Map.Entry<String, FormBody> message(SimCall call, MessageState state) {
        String status = switch (state) {
            case SENT -> "sent";
            case DELIVERED -> "delivered";
            case FAILED -> "failed";
            case QUEUED -> null;
        };
        if (status == null) {
            return null;
        }
        FormBody form = new FormBody().add("MessageUUID", call.id())
                .add("From", PlivoSimBodies.digits(call.from())).add("To", PlivoSimBodies.digits(call.to()))
                .add("Type", "sms").add("Status", status).add("Units", 1)
                .add("ErrorCode", state == MessageState.FAILED ? "1000" : null);
        return new AbstractMap.SimpleEntry<>(call.callbacks().get("status"), form);
    }

    private static String nonce() {
        StringBuilder digits = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            digits.append(NONCES.nextInt(10));
        }
        return digits.toString();
    }
}
