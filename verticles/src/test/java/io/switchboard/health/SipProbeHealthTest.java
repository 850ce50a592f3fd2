package io.switchboard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.CarrierHealthView;
import io.switchboard.contract.bus.HealthList;
import io.switchboard.contract.bus.SipProbeReport;
import io.switchboard.node.Node;
import io.switchboard.node.TestNodes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sip-edge's OPTIONS results are health signals: a trunk whose probes time out goes down
 * (N = 3) without any call, comes back after M = 2 answered probes, and shows its last probe.
 */
class SipProbeHealthTest {

    @TempDir
    Path dataDir;

    @Test
    void optionsResultsMoveATrunkDownAndUpWithoutTraffic() throws Exception {
        Node node = Node.start(TestNodes.config(TestNodes.isolated(dataDir)), "sip-probe-health");
        try {
            var bus = node.vertx().eventBus();
            for (int i = 0; i < 3; i++) {
                bus.publish(Addresses.SIP_PROBES, new SipProbeReport("trunk-a", "edge-1", false, null, null, "timeout",
                        i < 2, i == 2, Instant.now()));
            }
            CarrierHealthView down = await(node, "down");
            assertTrue(down.lastProbe().detail().startsWith("OPTIONS timeout"), down.lastProbe().toString());
            for (int i = 0; i < 2; i++) {
                bus.publish(Addresses.SIP_PROBES, new SipProbeReport("trunk-a", "edge-1", true, 200, 4L, null,
                        i == 1, i == 1, Instant.now()));
            }
            CarrierHealthView back = await(node, "degraded", "healthy");
            assertEquals(200, back.lastProbe().code());
        } finally {
            node.stop();
        }
    }

    private static CarrierHealthView await(Node node, String... states) throws Exception {
        CarrierHealthView view = null;
        for (int i = 0; i < 100; i++) {
            HealthList list = node.vertx().eventBus().<HealthList>request(Addresses.HEALTH_LIST, null)
                    .await(10, TimeUnit.SECONDS).body();
            view = list.data().stream().filter(v -> v.carrier().equals("trunk-a")).findFirst().orElse(null);
            if (view != null && java.util.List.of(states).contains(view.state())) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trunk-a never became " + java.util.List.of(states) + ": " + view);
    }
}
