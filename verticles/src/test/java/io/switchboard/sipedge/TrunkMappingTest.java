package io.switchboard.sipedge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.carrier.config.CarrierConfig;
import io.switchboard.contract.model.Service;
import io.switchboard.sip.trunk.NumberFormat;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Carriers with provider {@code sip} become SIP trunks; the others are not trunks. */
class TrunkMappingTest {

    private static CarrierConfig carrier(String id, String provider, Map<String, String> settings,
                                         Map<String, String> credentials) {
        return new CarrierConfig(id, provider, "", Set.of(Service.VOICE), 1, 100, 20, 50, 5000,
                new CarrierConfig.Breaker(5, 30_000), false, settings, credentials);
    }

    @Test
    void sipCarriersBecomeTrunks() throws Exception {
        List<SipTrunk> trunks = TrunkMapping.trunks(List.of(
                carrier("didww", "sip", Map.of("host", "10.0.0.5", "port", "5080", "transport", "tcp", "tech_prefix", "77",
                        "number_format", "national-digits", "allowed_ips", "10.0.0.0/24, 10.9.9.9",
                        "retry_sip_codes", "503,480"), Map.of("username", "u1", "password", "p1")),
                carrier("twilio", "twilio", Map.of(), Map.of())));
        assertEquals(1, trunks.size());
        SipTrunk t = trunks.get(0);
        assertEquals("didww", t.id());
        assertEquals(5080, t.port());
        assertEquals(SipTransport.TCP, t.transport());
        assertEquals("77", t.techPrefix());
        assertEquals(NumberFormat.NATIONAL_DIGITS, t.numberFormat());
        assertEquals(2, t.allowedSources().size());
        assertTrue(t.allowedSources().get(1).contains(InetAddress.getByName("10.9.9.9")));
        assertEquals(Set.of(503, 480), t.retrySipCodes());
        assertTrue(t.hasCredentials());
        assertEquals(50, t.maxConcurrent());
        assertEquals(20, t.cps());
    }

    @Test
    void badSettingsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrunkMapping.trunk(carrier("x", "sip", Map.of(), Map.of())));
        assertTrue(e.getMessage().contains("carriers.x.settings.host"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrunkMapping.trunk(carrier("x", "sip", Map.of("host", "h", "transport", "sctp"), Map.of())));
        assertTrue(e.getMessage().contains("carriers.x.settings"), e.getMessage());
    }
}
