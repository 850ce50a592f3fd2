package io.switchboard.contract.call;

import java.util.Objects;

/**
 * Asks for one live call or message of a tenant
 * ({@link io.switchboard.contract.bus.Addresses#CALLS_GET}, and
 * {@link io.switchboard.contract.bus.Addresses#CALLS_HANGUP}); the reply is its {@link CallRecord},
 * or TEL-013 when the tenant has no such live call (a finished one is read from PostgreSQL).
 *
 * @param tenantId the tenant asking (a UUID); another tenant's call is not found
 * @param id the call or message id
 */
public record CallLookup(String tenantId, String id) {

    /** @throws NullPointerException if an argument is null */
    public CallLookup {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(id, "id");
    }
}
