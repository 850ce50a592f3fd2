package io.switchboard.contract.bus;

import java.util.List;

/**
 * Reply of {@link Addresses#HEALTH_DESTINATIONS}.
 *
 * @param data every carrier × destination group with outcomes, ordered by carrier then group
 */
public record DestinationHealthList(List<DestinationHealthView> data) {

    /** Copies the list. */
    public DestinationHealthList {
        data = List.copyOf(data);
    }
}
