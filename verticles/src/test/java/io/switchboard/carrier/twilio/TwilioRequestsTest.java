package io.switchboard.carrier.twilio;

import static io.switchboard.carrier.twilio.TwilioFixtures.SID;
import static io.switchboard.carrier.twilio.TwilioFixtures.TOKEN;
import static io.switchboard.carrier.twilio.TwilioFixtures.account;
import static io.switchboard.carrier.twilio.TwilioFixtures.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The requests TwilioProvider builds: method, URL, headers and every form field. */
class TwilioRequestsTest {

    private final TwilioProvider twilio = new TwilioProvider();

    @Test
    void placeCallPostsEveryFieldToCallsJson() {
        CarrierHttpRequest request = twilio.placeCall(account(), TwilioFixtures.call());

        assertEquals("POST", request.method());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/" + SID + "/Calls.json", request.url());
        assertEquals("application/x-www-form-urlencoded", request.header("content-type"));
        String basic = new String(Base64.getDecoder().decode(request.header("Authorization").substring(6)),
                StandardCharsets.UTF_8);
        assertTrue(request.header("Authorization").startsWith("Basic "));
        assertEquals(SID + ":" + TOKEN, basic);
        Map<String, List<String>> form = form(request);
        assertEquals(List.of("+14155550100"), form.get("To"));
        assertEquals(List.of("+16502530000"), form.get("From"));
        assertEquals(List.of("25"), form.get("Timeout"));
        assertEquals(List.of(TwilioFixtures.WEBHOOKS + "/voice/" + TwilioFixtures.CALL_ID), form.get("StatusCallback"));
        assertEquals(List.of("POST"), form.get("StatusCallbackMethod"));
        assertEquals(List.of("initiated", "ringing", "answered", "completed"), form.get("StatusCallbackEvent"));
        assertEquals(List.of("true"), form.get("Record"));
        assertEquals(List.of("<Response><Pause length=\"60\"/></Response>"), form.get("Twiml"));
        assertFalse(form.containsKey("CallerId"), "Twilio has no caller name for PSTN calls");
        assertEquals(Map.of(), difference(form.keySet(), List.of("To", "From", "Twiml", "Timeout", "StatusCallback",
                "StatusCallbackMethod", "StatusCallbackEvent", "Record")));
    }

    @Test
    void pauseLengthAndRingTimeoutFollowTheAccountAndTwilioLimits() {
        CarrierAccount account = new CarrierAccount("t", "twilio", "http://127.0.0.1:9", account().credentials(),
                Map.of("answer_pause_s", "300"), TwilioFixtures.WEBHOOKS);
        var call = new io.switchboard.carrier.OutboundCall("c1", 1, TwilioFixtures.call().to(),
                TwilioFixtures.call().from(), null, 900, false);
        Map<String, List<String>> form = form(twilio.placeCall(account, call));

        assertEquals(List.of("<Response><Pause length=\"300\"/></Response>"), form.get("Twiml"));
        assertEquals(List.of("600"), form.get("Timeout"));
        assertEquals(List.of("false"), form.get("Record"));
        assertTrue(twilio.placeCall(account, call).url().startsWith("http://127.0.0.1:9/2010-04-01/"));
    }

    @Test
    void sendMessagePostsToMessagesJsonWithItsCallback() {
        CarrierHttpRequest request = twilio.sendMessage(account(), TwilioFixtures.message());

        assertEquals("POST", request.method());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/" + SID + "/Messages.json", request.url());
        Map<String, List<String>> form = form(request);
        assertEquals(List.of("+14155550100"), form.get("To"));
        assertEquals(List.of("+16502530000"), form.get("From"));
        assertEquals(List.of("Your code is 123456 & ok"), form.get("Body"));
        assertEquals(List.of(TwilioFixtures.WEBHOOKS + "/sms/" + TwilioFixtures.MESSAGE_ID), form.get("StatusCallback"));
        assertEquals(4, form.size());
    }

    @Test
    void fetchAndProbeAreAuthenticatedGets() {
        CarrierHttpRequest fetch = twilio.fetchCall(account(), "CA11112222333344445555666677778888");
        CarrierHttpRequest probe = twilio.probe(account());

        assertEquals("GET", fetch.method());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/" + SID + "/Calls/CA11112222333344445555666677778888.json",
                fetch.url());
        assertEquals(0, fetch.body().length);
        assertEquals("GET", probe.method());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/" + SID + ".json", probe.url());
        assertTrue(probe.header("authorization").startsWith("Basic "));
        assertNull(probe.header("content-type"));
    }

    @ParameterizedTest
    @EnumSource(CallState.class)
    void hangUpCancelsBeforeAnswerAndCompletesAfter(CallState state) {
        CarrierHttpRequest request = twilio.hangUp(account(), "CA11112222333344445555666677778888", state).orElseThrow();

        boolean beforeAnswer = state == CallState.QUEUED || state == CallState.INITIATED || state == CallState.RINGING;
        assertEquals("POST", request.method());
        assertTrue(request.url().endsWith("/Calls/CA11112222333344445555666677778888.json"));
        assertEquals(Map.of("Status", List.of(beforeAnswer ? "canceled" : "completed")), form(request));
    }

    @Test
    void acceptedIdReadsTheSidOfTheCreatedResource() {
        var created = TwilioFixtures.response(201, Map.of(), TwilioFixtures.resource("call-created.json"));

        assertEquals("CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", twilio.acceptedId(created, Service.VOICE));
        assertEquals("SM0123", twilio.acceptedId(TwilioFixtures.response(201, Map.of(), "{\"sid\":\"SM0123\"}"),
                Service.SMS));
        assertThrows(IllegalArgumentException.class,
                () -> twilio.acceptedId(TwilioFixtures.response(201, Map.of(), "{\"status\":\"queued\"}"), Service.VOICE));
        assertThrows(IllegalArgumentException.class,
                () -> twilio.acceptedId(TwilioFixtures.response(201, Map.of(), "<html>"), Service.VOICE));
    }

    private static Map<String, Boolean> difference(java.util.Set<String> actual, List<String> expected) {
        Map<String, Boolean> extra = new java.util.TreeMap<>();
        actual.stream().filter(name -> !expected.contains(name)).forEach(name -> extra.put(name, true));
        expected.stream().filter(name -> !actual.contains(name)).forEach(name -> extra.put(name, false));
        return extra;
    }
}
