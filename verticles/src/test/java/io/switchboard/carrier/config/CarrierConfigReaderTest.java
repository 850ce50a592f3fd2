package io.switchboard.carrier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.config.ConfigException;
import io.switchboard.contract.model.Service;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CarrierConfigReaderTest {

    private final CarrierConfigReader reader = new CarrierConfigReader(new CarrierConfig.Breaker(5, 30_000), 5_000,
            Map.of("TWILIO_TOKEN", "from-env")::get);

    @Test
    void readsACarrierWithDefaultsAndResolvesEnvironmentCredentials() {
        List<CarrierConfig> carriers = reader.read(new JsonObject("""
                {"twilio-us": {"provider": "Twilio", "services": ["voice", "sms"], "cps": 1,
                  "breaker": {"max-failures": 3},
                  "settings": {"from_number": "+15005550006"},
                  "credentials": {"account_sid": "AC1", "auth_token": "env:TWILIO_TOKEN"}}}"""));
        CarrierConfig c = carriers.get(0);
        assertEquals("twilio-us", c.id());
        assertEquals("twilio", c.provider());
        assertEquals(Set.of(Service.VOICE, Service.SMS), c.services());
        assertEquals(1, c.cps());
        assertEquals(10, c.priority());
        assertEquals(5_000, c.timeoutMs());
        assertEquals(new CarrierConfig.Breaker(3, 30_000), c.breaker());
        assertEquals("from-env", c.credentials().get("auth_token"));
        assertFalse(c.toString().contains("from-env"));
    }

    @Test
    void namesTheKeyOfEveryMistake() {
        assertKey("carriers.a.provider", "{\"a\": {}}");
        assertKey("carriers.a.colour", "{\"a\": {\"provider\": \"sip\", \"colour\": 1}}");
        assertKey("carriers.a.cps", "{\"a\": {\"provider\": \"sip\", \"cps\": -1}}");
        assertKey("carriers.a.services", "{\"a\": {\"provider\": \"sip\", \"services\": [\"pigeon\"]}}");
        assertKey("carriers.a.breaker.max-failures", "{\"a\": {\"provider\": \"sip\", \"breaker\": {\"max-failures\": 0}}}");
        assertKey("carriers.a.credentials.auth_token", "{\"a\": {\"provider\": \"twilio\", \"credentials\": {\"auth_token\": \"env:MISSING\"}}}");
        assertKey("carriers.Bad_Id", "{\"Bad_Id\": {\"provider\": \"sip\"}}");
    }

    @Test
    void refusesASecretAmongThePlainSettings() {
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read(new JsonObject(
                "{\"a\": {\"provider\": \"twilio\", \"settings\": {\"auth_token\": \"oops\"}}}")));
        assertTrue(e.getMessage().contains("carriers.a.settings.auth_token"), e.getMessage());
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
    }

    private void assertKey(String key, String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> reader.read(new JsonObject(json)));
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
