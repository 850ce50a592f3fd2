package io.switchboard.bench;

import io.switchboard.contract.bus.RouteRequest;
import io.switchboard.contract.model.E164;
import io.switchboard.contract.model.Service;
import io.switchboard.router.Router;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.policy.CarrierProfile;
import io.switchboard.router.policy.RouteRanker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A {@link Router} over the six decks of {@code ../shared/data/decks} with six carriers (the
 * wholesale ones in tier 2, as a platform keeps them for overflow), and the traffic's
 * destinations as ready {@link RouteRequest}s (numbers validated once, as the API does at the
 * door).
 */
final class BenchRouter {

    private BenchRouter() {
    }

    static Router router(Path data, String... skip) throws IOException {
        Router router = new Router(new RouteRanker(60, BenchDecks.USD, Map.of(), new SplittableRandom(42)),
                System::currentTimeMillis);
        List<CarrierProfile> profiles = new ArrayList<>();
        for (String file : BenchDecks.FILES) {
            String carrier = file.replace("-voice.csv", "");
            profiles.add(new CarrierProfile(carrier, carrier.startsWith("wholesale") ? 2 : 1, 100, true,
                    Set.of(Service.VOICE), 0, 0));
        }
        router.carriers(profiles);
        long version = 1;
        for (String file : BenchDecks.FILES) {
            if (!List.of(skip).contains(file)) {
                RateTable table = BenchDecks.load(data.resolve("decks").resolve(file), version++);
                router.publish(table);
            }
        }
        return router;
    }

    static RouteRequest[] requests(Path data, int limit) throws IOException {
        String[] numbers = BenchDecks.callNumbers(data);
        int n = Math.min(limit, numbers.length);
        RouteRequest[] requests = new RouteRequest[n];
        for (int i = 0; i < n; i++) {
            requests[i] = RouteRequest.of("bench-" + i, Service.VOICE, E164.parse("to", "+" + numbers[i]));
        }
        return requests;
    }
}
