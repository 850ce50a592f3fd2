package io.switchboard.sip;

import io.switchboard.contract.model.E164;
import io.switchboard.sip.protect.Acl;
import io.switchboard.sip.protect.FloodGuard;
import io.switchboard.sip.protect.TrunkLoad;
import io.switchboard.sip.proxy.ProxySettings;
import io.switchboard.sip.proxy.RoutingProxy;
import io.switchboard.sip.proxy.TrunkDirectory;
import io.switchboard.sip.record.AttemptSink;
import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.stack.ContextListener;
import io.switchboard.sip.stack.EndpointSettings;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A routing proxy on 127.0.0.1 with fixed candidates, built as the verticle builds it, without a cluster. */
final class ProxyHarness implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final Context context = vertx.getOrCreateContext();
    final SipEndpoint endpoint;
    final List<SipAttempt> finished = new CopyOnWriteArrayList<>();
    final List<SipAttempt> completed = new CopyOnWriteArrayList<>();
    RoutingProxy proxy;
    /** The edge's UAC toward trunks (media 127.0.0.1:40000, max duration 10 s), wired as the verticle wires it. */
    io.switchboard.sip.uac.TrunkCaller caller;

    /**
     * @param trunks trunks, in the order the "router" offers them
     * @param attemptTimeoutMs per-attempt timeout
     * @param floodLimit requests/s per source (0: off)
     */
    ProxyHarness(List<SipTrunk> trunks, long attemptTimeoutMs, int floodLimit) throws Exception {
        this(trunks, attemptTimeoutMs, floodLimit, List.of("127.0.0.0/8"), 0);
    }

    /**
     * @param acl allowed sources
     * @param port UDP and TCP port of the proxy (0: any)
     */
    ProxyHarness(List<SipTrunk> trunks, long attemptTimeoutMs, int floodLimit, List<String> acl, int port)
            throws Exception {
        this(trunks, attemptTimeoutMs, floodLimit, acl,
                new EndpointSettings("127.0.0.1", port, port, 0, "", "", 1 << 20, 2));
    }

    /** @param endpointSettings where the proxy listens (e.g. with a TLS keystore) */
    ProxyHarness(List<SipTrunk> trunks, long attemptTimeoutMs, int floodLimit, List<String> acl,
                 EndpointSettings endpointSettings) throws Exception {
        endpoint = new SipEndpoint(endpointSettings);
        List<String> order = trunks.stream().map(SipTrunk::id).toList();
        ProxySettings settings = new ProxySettings(attemptTimeoutMs, 10_000, false, ProxySettings.DEFAULT_RETRY_CODES,
                Acl.of(acl));
        AttemptSink sink = new AttemptSink() {
            @Override
            public void finished(SipAttempt attempt) {
                finished.add(attempt);
            }

            @Override
            public void completed(SipAttempt attempt) {
                completed.add(attempt);
            }
        };
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                proxy = new RoutingProxy(endpoint, new Sender(vertx.createSharedWorkerExecutor("sip-send-test", 1)), vertx,
                        settings, new TrunkDirectory(trunks), new TrunkLoad(),
                        (E164 number, String callId) -> Future.succeededFuture(order),
                        new FloodGuard(floodLimit, 2_000), sink);
                RoutingProxy p = proxy;
                caller = new io.switchboard.sip.uac.TrunkCaller(endpoint,
                        new Sender(vertx.createSharedWorkerExecutor("sip-send-test", 1)), vertx, "127.0.0.1", 40_000,
                        attemptTimeoutMs, 10_000);
                p.localCalls(caller::request);
                endpoint.start(new ContextListener(r -> context.runOnContext(x -> r.run()), p::admit, p));
                ready.complete(null);
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        ready.get(10, TimeUnit.SECONDS);
    }

    int port() {
        return endpoint.port(SipTransport.UDP);
    }

    /** Waits until {@code n} attempts finished. */
    List<SipAttempt> awaitFinished(int n, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (finished.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return List.copyOf(finished);
    }

    List<SipAttempt> awaitCompleted(int n, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (completed.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return List.copyOf(completed);
    }

    @Override
    public void close() throws Exception {
        endpoint.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
