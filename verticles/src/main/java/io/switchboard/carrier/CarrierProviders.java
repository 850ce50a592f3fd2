package io.switchboard.carrier;

import io.switchboard.carrier.bandwidth.BandwidthProvider;
import io.switchboard.carrier.exotel.ExotelProvider;
import io.switchboard.carrier.plivo.PlivoProvider;
import io.switchboard.carrier.sinch.SinchProvider;
import io.switchboard.carrier.telnyx.TelnyxProvider;
import io.switchboard.carrier.twilio.TwilioProvider;
import io.switchboard.carrier.vonage.VonageProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REST providers Switchboard has adapters for, by name. Adding a provider means adding its
 * package ({@code io.switchboard.carrier.<name>}) and one line here.
 */
public final class CarrierProviders {

    private static final Map<String, CarrierProvider> PROVIDERS = new LinkedHashMap<>();

    static {
        for (CarrierProvider provider : new CarrierProvider[] {new TwilioProvider(), new TelnyxProvider(),
                new PlivoProvider(), new BandwidthProvider(), new VonageProvider(), new SinchProvider(),
                new ExotelProvider()}) {
            PROVIDERS.put(provider.name(), provider);
        }
    }

    private CarrierProviders() {
    }

    /** @return the provider called {@code name}, if Switchboard has an adapter for it */
    public static Optional<CarrierProvider> byName(String name) {
        return Optional.ofNullable(PROVIDERS.get(name));
    }

    /** @return every provider's name, in a stable order */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(PROVIDERS.keySet());
    }
}
