package io.switchboard.bench;

import io.switchboard.carrier.config.CarrierConfig;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.Codecs;
import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.BreakerState;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.RoutePlan;
import io.switchboard.node.NodeContext;
import io.switchboard.sipedge.SipEdgeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sip-edge alone for the SIP benchmark ({@code tests/sip-bench/run.sh}): the real
 * {@link SipEdgeVerticle} configured from a YAML file (its {@code sip} and {@code carriers}
 * sections), and a stand-in router on {@code router.plan} that answers every call with the SIP
 * carriers by priority (rotated per call with {@code --rotate}, like Kamailio's round-robin
 * dispatcher), over the same event bus the verticle uses in a node. No database, no cluster.
 *
 * <p>Run: {@code java -cp verticles/target/switchboard.jar:tests/target/test-classes
 * io.switchboard.bench.SipEdgeBenchNode CONFIG.yaml [--rotate]}; prints {@code READY} when listening.
 */
public final class SipEdgeBenchNode {

    private SipEdgeBenchNode() {
    }

    /** @param args the YAML file, then optionally {@code --rotate} */
    public static void main(String[] args) throws Exception {
        boolean rotate = args.length > 1 && args[1].equals("--rotate");
        Vertx vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        SwitchboardConfig config = new ConfigLoader(vertx).load(Path.of(args[0]), System.getenv(), new JsonObject());
        List<String> order = config.carriers().stream().filter(c -> c.provider().equals("sip"))
                .sorted(Comparator.comparingInt(CarrierConfig::priority)).map(CarrierConfig::id).toList();
        Money rate = Money.of("0.01", "USD");
        AtomicLong calls = new AtomicLong();
        vertx.eventBus().<RouteRequest>consumer(Addresses.ROUTER_PLAN, m -> {
            List<String> carriers = new ArrayList<>(order);
            if (rotate) {
                java.util.Collections.rotate(carriers, (int) (calls.getAndIncrement() % carriers.size()));
            }
            RouteRequest r = m.body();
            m.reply(new RoutePlan(r.requestId(), r.service(), r.to(), carriers.stream().map(c -> new RoutePlan.Candidate(c, 1,
                    "44", rate, rate, 100, BreakerState.CLOSED, 1, "bench")).toList(), List.of(), Instant.now(), 0));
        });
        NodeContext node = new NodeContext("sip-bench", config, null, null, null, null, null, null);
        vertx.deployVerticle(new SipEdgeVerticle(node)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("READY " + order);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting
            }
        }));
        Thread.currentThread().join();
    }
}
