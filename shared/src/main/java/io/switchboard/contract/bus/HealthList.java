package io.switchboard.contract.bus;

import java.util.List;

/**
 * Reply of {@link Addresses#HEALTH_LIST}: every known carrier's health.
 *
 * @param data one entry per carrier, by carrier id
 */
public record HealthList(List<CarrierHealthView> data) {

    /** Copies {@code data}. */
    public HealthList {
        data = List.copyOf(data);
    }
}
