package io.switchboard.router;

import io.switchboard.contract.model.Service;
import io.switchboard.router.index.RateTable;
import io.switchboard.router.store.RatesCopy;
import io.switchboard.router.store.DeckVersion;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Currency;

/**
 * Builds a {@link RateTable} from a stored deck version, on a worker thread: rows come from
 * PostgreSQL with one {@code COPY ... TO STDOUT} ({@link RatesCopy}).
 */
public final class DeckLoader {

    private final Vertx vertx;
    private final RatesCopy copy;

    /**
     * @param vertx for the worker thread
     * @param copy where the rows are
     */
    public DeckLoader(Vertx vertx, RatesCopy copy) {
        this.vertx = vertx;
        this.copy = copy;
    }

    /** @return the version's table, ready to publish into a {@link Router} */
    public Future<RateTable> load(DeckVersion version) {
        return vertx.executeBlocking(() -> {
            RateTable.Builder builder = RateTable.builder(version.carrier(), Service.fromWire(version.service()),
                    version.id(), Currency.getInstance(version.currency()));
            copy.copyOut(version.id(), builder);
            return builder.build();
        }, false);
    }
}
