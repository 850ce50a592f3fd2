package io.switchboard.api.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.call.CallRequest;
import io.switchboard.contract.call.MessageRequest;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the event-bus door takes from the verified key rather than from the sender's record. */
class BusRequestsTest {

    private static final E164 LONDON = E164.parse("to", "+442071838750");
    private static final E164 CALLER = E164.parse("from", "+442079460000");
    private static final String TENANT = "7d4a1d4e-0000-4000-8000-000000000001";
    private static final String OTHER = "7d4a1d4e-0000-4000-8000-000000000002";

    private static ApiPrincipal key(boolean live) {
        return new ApiPrincipal("7d4a1d4e-0000-4000-8000-0000000000aa", TENANT, live,
                Set.of("calls:write", "messages:write", "routes:read"), "growth", Map.of());
    }

    @Test
    void aTestKeysRequestsAreRestrictedToSandboxCarriersWhateverTheRecordSays() {
        CallRequest call = new CallRequest(OTHER, null, LONDON, CALLER, null, null, false, null, null, false);
        CallRequest bound = BusRequests.call(call, key(false));
        assertTrue(bound.sandboxOnly(), "a sk_test_ key's call is sandbox-only");
        assertEquals(TENANT, bound.tenantId(), "and the key's tenant's");

        MessageRequest message = new MessageRequest(OTHER, null, LONDON, CALLER, "hi", null, null, false);
        assertTrue(BusRequests.message(message, key(false), 10).sandboxOnly());

        RouteRequest route = RouteRequest.of(null, Service.VOICE, LONDON);
        assertTrue(BusRequests.route(route, key(false)).sandboxOnly());
    }

    @Test
    void aLiveKeysRequestsReachEveryCarrier() {
        CallRequest call = new CallRequest(OTHER, null, LONDON, CALLER, null, null, false, null, null, true);
        assertFalse(BusRequests.call(call, key(true)).sandboxOnly());
        assertFalse(BusRequests.route(RouteRequest.of(null, Service.VOICE, LONDON).withSandboxOnly(true), key(true))
                .sandboxOnly());
    }
}
