package io.switchboard.contract.bus;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The roles a node can host, chosen with {@code run --roles}. Each role is one kind of verticle;
 * any role can run in any JVM of the cluster and several nodes can host the same role.
 */
public enum Role {
    /** REST, WebSocket and gRPC front door; carrier webhook ingress. */
    HTTP_API("http-api"),
    /** Rate decks, least-cost routing and the failover loop. */
    ROUTER("router"),
    /** The carrier adapters, one verticle per configured provider. */
    CARRIER("carrier"),
    /** Probes, scores, states and circuit breakers per carrier. */
    HEALTH_MONITOR("health-monitor"),
    /** CDR batches to PostgreSQL, Kafka publishing and webhook delivery. */
    CDR_WRITER("cdr-writer"),
    /** The SIP side: stack, routing proxy, trunk UAC and OPTIONS prober. */
    SIP_EDGE("sip-edge");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** @return the role's name on the command line and in configuration, e.g. {@code http-api} */
    public String id() {
        return id;
    }

    /**
     * @param id a role name as written by an operator ({@code router}, {@code HTTP-API})
     * @return the role
     * @throws IllegalArgumentException naming the accepted roles when {@code id} is none of them
     */
    public static Role fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.id.equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "'; expected one of " + ids());
    }

    /** @return the accepted role names, comma-separated */
    public static String ids() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(","));
    }
}
