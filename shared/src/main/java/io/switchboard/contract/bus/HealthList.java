package io.switchboard.contract.bus;

import java.util.List;

/**
 * Reply of {@link Addresses#HEALTH_LIST}: every known carrier's health.
 *
 * @param data one entry per carrier, by carrier id
 * @param activeMonitor the node id of the cluster's active health-monitor (the one that stores
 *     and publishes changes; the others keep the same state on standby)
 */
public record HealthList(List<CarrierHealthView> data, String activeMonitor) {

    /** Copies {@code data}. */
    public HealthList {
        data = List.copyOf(data);
    }
}
