package io.switchboard.api.auth;

import io.switchboard.sip.protect.CidrBlock;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code api_keys} row joined with its tenant, as the verifier needs it.
 *
 * @param id the key's id
 * @param tenantId its tenant
 * @param prefix its lookup prefix ({@link ApiKeys#prefix})
 * @param hash SHA-256 of the key
 * @param live live ({@code sk_live_}) or test key
 * @param scopes its scopes
 * @param ipAllow CIDR blocks the key may be used from; empty means any address
 * @param expiresAt when it stops working, or null
 * @param revokedAt when it was revoked, or null
 * @param graceUntil for a rotated key, the end of its grace period, or null
 * @param tenantActive whether the tenant is active (a suspended tenant's keys do not work)
 * @param plan the tenant's plan
 * @param limits the tenant's limit overrides
 */
public record StoredKey(String id, String tenantId, String prefix, byte[] hash, boolean live, Set<String> scopes,
        List<CidrBlock> ipAllow, Instant expiresAt, Instant revokedAt, Instant graceUntil, boolean tenantActive,
        String plan, Map<String, Object> limits) {

    /**
     * @param now the time of the request
     * @param from the client's address, or null when unknown
     * @return why the key cannot be used now from there ({@code revoked}, {@code expired},
     *     {@code rotated}, {@code tenant suspended}, {@code address not allowed}), or null when it can
     */
    public String refusal(Instant now, InetAddress from) {
        if (revokedAt != null && !revokedAt.isAfter(now)) {
            return "revoked";
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return "expired";
        }
        if (graceUntil != null && !graceUntil.isAfter(now)) {
            return "rotated";
        }
        if (!tenantActive) {
            return "tenant suspended";
        }
        if (!ipAllow.isEmpty() && (from == null || ipAllow.stream().noneMatch(block -> block.contains(from)))) {
            return "address not allowed";
        }
        return null;
    }

    /** @return the principal this key authenticates */
    public ApiPrincipal principal() {
        return new ApiPrincipal(id, tenantId, live, scopes, plan, limits);
    }
}
