package io.switchboard.contract.bus;

/**
 * The public event-bus API: addresses a service in another JVM (a member of the Hazelcast
 * cluster, codecs registered with {@link Codecs#registerAll}) may call, each authorized like REST.
 * {@link io.switchboard.client.SwitchboardClient} wraps them.
 *
 * <p>Every request carries the API key in the {@link #AUTHORIZATION} delivery-options header,
 * {@code Bearer sk_live_...} or {@code Bearer sk_test_...}. The http-api role's gateway verifies
 * the key, checks the scope named below, replaces the request's {@code tenantId} with the key's
 * tenant (a key never acts for another tenant, whatever the record says), validates the fields as
 * REST does and forwards the request to the internal address. Failures come back as
 * {@link io.vertx.core.eventbus.ReplyException}s carrying a TEL error ({@link BusErrors#toException}
 * turns them back into the same {@link io.switchboard.contract.error.SwitchboardException}):
 * TEL-008 (no or bad key), TEL-005 (the key lacks the scope), TEL-011 / TEL-001 naming the field,
 * the operation's own errors, TEL-007 (no answer in time) and TEL-009 (no http-api node in the
 * cluster).
 *
 * <p>The internal addresses of {@link Addresses} (e.g. {@link Addresses#CALLS_CREATE}) trust the
 * tenant in the record: they are for Switchboard's own roles, not for other services.
 */
public final class ApiAddresses {

    /** Prefix of the public addresses. */
    public static final String PREFIX = Addresses.PREFIX + "api.";

    /** The delivery-options header carrying {@code Bearer <API key>}. */
    public static final String AUTHORIZATION = "authorization";

    /**
     * Explain a route (scope {@code routes:read}): {@link RouteRequest} in,
     * {@link io.switchboard.contract.model.RoutePlan} out (empty candidates when nothing covers the
     * destination). The tenant's routing rules apply.
     */
    public static final String ROUTES_EXPLAIN = PREFIX + "routes.explain";

    /**
     * Place a call (scope {@code calls:write}): {@link io.switchboard.contract.call.CallRequest} in
     * ({@code from} required, {@code callerName} at most 64 characters, {@code timeoutS} 1..600,
     * {@code statusCallback} an http(s) URL, {@code metadata} an object of at most 4096 bytes),
     * {@link io.switchboard.contract.call.CallRecord} out (state {@code initiated}); when no
     * carrier takes it, the routing's error (TEL-002, TEL-601, TEL-006, ...) with
     * {@code details.call_id}.
     */
    public static final String CALLS_CREATE = PREFIX + "calls.create";

    /**
     * One call, live or finished (scope {@code calls:read}):
     * {@link io.switchboard.contract.call.CallLookup} in (its {@code id} a UUID),
     * {@link io.switchboard.contract.call.CallRecord} out; TEL-013 when the tenant has no such call.
     */
    public static final String CALLS_GET = PREFIX + "calls.get";

    /**
     * Hang up (or cancel) a live call (scope {@code calls:write}):
     * {@link io.switchboard.contract.call.CallLookup} in, the ended
     * {@link io.switchboard.contract.call.CallRecord} out; TEL-013 when it is not live.
     */
    public static final String CALLS_HANGUP = PREFIX + "calls.hangup";

    /**
     * Send an SMS (scope {@code messages:write}): {@link io.switchboard.contract.call.MessageRequest}
     * in ({@code from} required, {@code body} 1..1600 characters and at most
     * {@code calls.max-message-segments} segments), the message's
     * {@link io.switchboard.contract.call.CallRecord} out (state {@code sent}).
     */
    public static final String MESSAGES_SEND = PREFIX + "messages.send";

    private ApiAddresses() {
    }
}
