package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.E164;
import io.switchboard.sip.probe.ProbeHysteresis;
import io.switchboard.sip.protect.Acl;
import io.switchboard.sip.protect.CidrBlock;
import io.switchboard.sip.protect.FloodGuard;
import io.switchboard.sip.protect.TrunkLoad;
import io.switchboard.sip.proxy.BestResponse;
import io.switchboard.sip.proxy.DigestAnswer;
import io.switchboard.sip.proxy.FailoverRules;
import io.switchboard.sip.proxy.ProxySettings;
import io.switchboard.sip.proxy.ReasonCause;
import io.switchboard.sip.record.AttemptMapping;
import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.trunk.NumberFormat;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sip module's decisions, without a stack. */
class PlainClassesTest {

    @Test
    void bestResponseFollowsRfc3261Section16_7() {
        assertEquals(1, BestResponse.choose(List.of(503, 603, 486)), "a 6xx wins");
        assertEquals(1, BestResponse.choose(List.of(503, 486, 408)), "lowest class, first of it");
        assertEquals(2, BestResponse.choose(List.of(503, 480, 407)), "4xx: 401/407/415/420/484 preferred");
        assertEquals(0, BestResponse.choose(List.of(408, 503)));
        assertEquals(500, BestResponse.upstreamCode(503), "a lone 503 goes upstream as 500");
        assertEquals(486, BestResponse.upstreamCode(486));
        assertThrows(IllegalArgumentException.class, () -> BestResponse.choose(List.of()));
    }

    @Test
    void failoverRules() {
        SipTrunk plain = SipTrunk.of("a", "10.0.0.1", 5060, SipTransport.UDP);
        SipTrunk own = new SipTrunk("b", "10.0.0.2", 5060, SipTransport.UDP, "", NumberFormat.E164, List.of(), null, null,
                0, 0, Set.of(486));
        FailoverRules rules = new FailoverRules(ProxySettings.DEFAULT_RETRY_CODES, false);
        for (int code : List.of(408, 480, 500, 502, 503, 504)) {
            assertTrue(rules.retryableCode(plain, code), "retryable " + code);
        }
        for (int code : List.of(404, 486, 603, 600, 604, 606)) {
            assertFalse(rules.retryableCode(plain, code), "final " + code);
        }
        assertTrue(rules.retryableCode(own, 486), "a trunk's own set");
        assertFalse(rules.retryableCode(own, 503));
        assertTrue(rules.failOver(true, false, false));
        assertFalse(rules.failOver(true, true, false), "not after a 18x");
        assertFalse(rules.failOver(true, false, true), "not after the caller's CANCEL");
        assertTrue(new FailoverRules(Set.of(503), true).failOver(true, true, false), "configured: after 18x too");
    }

    @Test
    void digestAnswerMatchesRfc2617Example() {
        Map<String, String> challenge = DigestAnswer.parse(
                "WWW-Authenticate: Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertEquals("testrealm@host.com", challenge.get("realm"));
        String answer = DigestAnswer.answer(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b");
        assertTrue(answer.contains("response=\"6629fae49393a05397450978507c4ef1\""), answer);
        assertTrue(answer.contains("qop=auth,nc=00000001,cnonce=\"0a4f113b\""), answer);
        assertTrue(answer.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        assertThrows(IllegalArgumentException.class, () -> DigestAnswer.parse("Basic realm=\"x\""));
    }

    @Test
    void q850CauseFromReasonHeader() {
        assertEquals(17, ReasonCause.parse("Reason: Q.850;cause=17;text=\"User busy\""));
        assertEquals(41, ReasonCause.parse("q.850; cause = 41"));
        assertNull(ReasonCause.parse("SIP;cause=200;text=\"Call completed elsewhere\""));
        assertNull(ReasonCause.parse("Q.850;cause=300"));
    }

    @Test
    void cidrAclAndTrunkUri() throws Exception {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");
        assertTrue(block.contains(InetAddress.getByName("10.1.200.3")));
        assertFalse(block.contains(InetAddress.getByName("10.2.0.1")));
        assertTrue(CidrBlock.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8::1")));
        assertFalse(CidrBlock.parse("2001:db8::/32").contains(InetAddress.getByName("10.1.0.1")));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("example.com"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("10.0.0.0/33"));
        Acl acl = Acl.of(List.of("127.0.0.1", "192.168.0.0/24"));
        assertTrue(acl.allows(InetAddress.getByName("192.168.0.77")));
        assertFalse(acl.allows(InetAddress.getByName("192.168.1.1")));
        assertFalse(Acl.of(List.of()).allows(InetAddress.getByName("127.0.0.1")), "empty ACL: nobody");

        E164 london = E164.parse("+442071838750");
        SipTrunk t = new SipTrunk("t", "10.0.0.9", 5080, SipTransport.TCP, "99#", NumberFormat.NATIONAL_DIGITS,
                List.of(), "u", "secret", 0, 0, Set.of());
        assertEquals("99#02071838750", t.userPart(london));
        assertEquals("sip:99#02071838750@10.0.0.9:5080;transport=tcp", t.uri(t.userPart(london)));
        assertEquals("+442071838750", NumberFormat.E164.format(london));
        assertEquals("442071838750", NumberFormat.DIGITS.format(london));
        assertFalse(t.toString().contains("secret"));
    }

    @Test
    void floodGuardBansAndForgets() throws Exception {
        FloodGuard guard = new FloodGuard(3, 1_000);
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        assertTrue(guard.admit(a, 0) && guard.admit(a, 10) && guard.admit(a, 20));
        assertFalse(guard.admit(a, 30), "4th in a second");
        assertTrue(guard.admit(b, 30), "other sources unaffected");
        assertFalse(guard.admit(a, 1_020), "still banned");
        assertTrue(guard.admit(a, 1_031), "ban over, new window");
        guard.purge(10_000);
        assertFalse(guard.banned(a, 10_000));
        assertTrue(new FloodGuard(0, 1_000).admit(a, 0), "0: off");
    }

    @Test
    void trunkLoadLimitsConcurrencyAndCps() {
        SipTrunk t = SipTrunk.of("t", "10.0.0.1", 5060, SipTransport.UDP).withLimits(2, 3);
        TrunkLoad load = new TrunkLoad();
        assertTrue(load.tryAcquire(t, 0));
        assertTrue(load.tryAcquire(t, 1));
        assertFalse(load.tryAcquire(t, 2), "2 concurrent");
        load.release("t");
        assertTrue(load.tryAcquire(t, 3), "a slot freed; third call of this second");
        load.release("t");
        assertFalse(load.tryAcquire(t, 4), "3 calls per second");
        assertTrue(load.tryAcquire(t, 1_000), "next second");
    }

    @Test
    void probeHysteresis() {
        ProbeHysteresis h = new ProbeHysteresis(3, 2);
        assertTrue(h.up());
        assertFalse(h.record(false));
        assertFalse(h.record(false));
        assertTrue(h.record(false), "down after 3");
        assertFalse(h.up());
        assertFalse(h.record(true));
        assertFalse(h.record(false), "a failure resets the successes");
        assertFalse(h.record(true));
        assertTrue(h.record(true), "up after 2 in a row");
    }

    @Test
    void attemptMapping() {
        Instant t0 = Instant.parse("2026-11-21T12:00:00Z");
        SipAttempt busy = new SipAttempt("a1", "c1", "t", 1, t0, t0.plusMillis(900), SipAttempt.Kind.REJECTED, 486,
                "Busy Here", 17, 850L, false, null, null);
        Attempt a = AttemptMapping.toAttempt(busy);
        assertEquals(AttemptOutcome.FINAL_FAILURE, a.outcome());
        assertEquals(ErrorCode.TEL_202, a.cause());
        assertEquals(17, a.q850Cause());
        assertEquals("486 Busy Here", a.carrierCode());
        assertEquals(850L, a.pddMs(), "the post-dial delay reaches the health-monitor's PDD");
        SipAttempt unavailable = new SipAttempt("a2", "c1", "t", 2, t0, t0.plusMillis(50), SipAttempt.Kind.REJECTED, 503,
                "Service Unavailable", null, 50L, true, null, null);
        assertEquals(AttemptOutcome.RETRYABLE_FAILURE, AttemptMapping.toAttempt(unavailable).outcome());
        assertEquals(ErrorCode.TEL_006, AttemptMapping.toAttempt(unavailable).cause());
        SipAttempt timeout = new SipAttempt("a3", "c1", "t", 1, t0, t0.plusMillis(2000), SipAttempt.Kind.TIMEOUT, null,
                "no response", null, null, true, null, null);
        assertEquals(AttemptOutcome.TIMEOUT, AttemptMapping.toAttempt(timeout).outcome());
        SipAttempt answered = new SipAttempt("a4", "c1", "t", 1, t0, t0.plusMillis(300), SipAttempt.Kind.ANSWERED, 200,
                "OK", null, 120L, false, t0.plusMillis(300), null).completed(t0.plusMillis(5300));
        assertEquals(5000L, answered.durationMs());
        assertEquals(AttemptOutcome.SUCCESS, AttemptMapping.toAttempt(answered).outcome());
        Map<String, Object> data = AttemptMapping.eventData(answered);
        assertEquals(120L, data.get("pdd_ms"));
        assertEquals(5000L, data.get("duration_ms"));
    }
}
