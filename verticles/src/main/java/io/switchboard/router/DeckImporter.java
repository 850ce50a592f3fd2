package io.switchboard.router;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.DeckPublished;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckFormat;
import io.switchboard.router.deck.DeckFormatException;
import io.switchboard.router.deck.DeckLayout;
import io.switchboard.router.deck.DeckReader;
import io.switchboard.router.deck.DeckRow;
import io.switchboard.router.deck.ReadSummary;
import io.switchboard.router.deck.RowRejection;
import io.switchboard.router.store.DeckStore;
import io.switchboard.router.store.RatesCopy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Imports a rate-deck file as a new version of a carrier's deck for a service: reads and
 * validates every row (streaming, on a worker thread), then either stores and publishes the whole
 * version or none of it.
 *
 * <p>A file with rejected rows is refused with TEL-602 (422), its rejections listed with row
 * numbers and reasons, and recorded as a {@code rejected} version; with {@code skipInvalid} the
 * rejected rows are left out and the rest is published. A deck whose currency is neither the
 * router's base currency nor has an exchange rate is refused as a whole. Publishing announces
 * {@link DeckPublished} on {@link Addresses#DECKS_PUBLISHED}; every router then swaps it in.
 */
public final class DeckImporter {

    /**
     * What to import.
     *
     * @param carrier carrier id ({@code telnyx}); registered if new
     * @param service the service the deck prices
     * @param format the layout, or null to detect it from the header row
     * @param skipInvalid publish the valid rows of a file that has rejected ones
     * @param sourceName the uploaded file's name, for the record
     */
    public record Request(String carrier, Service service, DeckFormat format, boolean skipInvalid, String sourceName) {
    }

    private final Vertx vertx;
    private final DeckStore store;
    private final RatesCopy copy;
    private final Currency baseCurrency;
    private final Map<String, ?> exchangeRates;

    /**
     * @param vertx for the worker thread and the event bus
     * @param store where versions are recorded
     * @param copy how their rows are stored
     * @param baseCurrency the router's currency
     * @param exchangeRates currencies that can be converted into it
     */
    public DeckImporter(Vertx vertx, DeckStore store, RatesCopy copy, Currency baseCurrency,
                        Map<String, ?> exchangeRates) {
        this.vertx = vertx;
        this.store = store;
        this.copy = copy;
        this.baseCurrency = baseCurrency;
        this.exchangeRates = exchangeRates;
    }

    private record Parsed(DeckFormat format, List<DeckRow> rows, List<RowRejection> rejections, ReadSummary summary,
                          long parseMs) {
    }

    /**
     * @param file the deck file (UTF-8)
     * @param request what it is
     * @return the report; fails with {@link SwitchboardException} TEL-602 when the file is refused
     *     (unreadable layout, rejected rows without {@code skipInvalid}, unconvertible currency)
     */
    public Future<ImportReport> importFile(Path file, Request request) {
        return vertx.executeBlocking(() -> parse(file, request.format()), false)
                .compose(parsed -> store(parsed, request));
    }

    private Parsed parse(Path file, DeckFormat requested) throws IOException {
        long started = System.nanoTime();
        List<DeckRow> rows = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        long[] rejected = {0};
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            DeckFormat format = requested != null ? requested : DeckFormat.sniff(in).orElseThrow(() -> refused(
                    "cannot tell the deck's layout from its header; give format=az|twilio|supplier-notice"));
            DeckLayout layout = format.defaultLayout();
            ReadSummary summary = new DeckReader().read(in, layout, rows::add, rejection -> {
                rejected[0]++;
                if (rejections.size() < ImportReport.MAX_LISTED) {
                    rejections.add(rejection);
                }
            });
            return new Parsed(format, rows, rejections, summary, (System.nanoTime() - started) / 1_000_000);
        } catch (DeckFormatException e) {
            throw refused(e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw refused("the file is not UTF-8 text");
        }
    }

    private Future<ImportReport> store(Parsed parsed, Request request) {
        long started = System.nanoTime();
        String currency = parsed.summary().currency() != null ? parsed.summary().currency() : baseCurrency.getCurrencyCode();
        String service = request.service().wireName();
        if (!currency.equals(baseCurrency.getCurrencyCode()) && !exchangeRates.containsKey(currency)) {
            return Future.failedFuture(refused("deck currency " + currency + " has no exchange rate into "
                    + baseCurrency.getCurrencyCode() + " (router.exchange-rates)"));
        }
        if (parsed.rows().isEmpty()) {
            return Future.failedFuture(refused("the file has no rate rows"));
        }
        boolean refuse = parsed.summary().rowsRejected() > 0 && !request.skipInvalid();
        return store.ensureCarrier(request.carrier(), service)
                .compose(v -> store.create(request.carrier(), service, currency, request.sourceName()))
                .compose(deckId -> refuse ? rejectVersion(deckId, parsed) : publishVersion(deckId, parsed, request))
                .map(deckId -> new ImportReport(deckId, request.carrier(), service, parsed.format().id(), "published",
                        parsed.summary().rowsAccepted(), parsed.summary().rowsRejected(), parsed.rejections(), currency,
                        parsed.parseMs(), (System.nanoTime() - started) / 1_000_000));
    }

    private Future<Long> rejectVersion(long deckId, Parsed parsed) {
        JsonArray report = new JsonArray();
        parsed.rejections().forEach(r -> report.add(new JsonObject().put("row", r.rowNumber()).put("reason", r.reason())));
        return store.reject(deckId, report).compose(v -> Future.failedFuture(new SwitchboardException(ErrorCode.TEL_602,
                "rate deck rejected: " + parsed.summary().rowsRejected() + " invalid rows (deck version " + deckId
                        + " kept as rejected; import again with skip_invalid=true to publish the valid rows)",
                Map.of("deck_id", deckId, "rows_rejected", parsed.summary().rowsRejected(),
                        "rejections", parsed.rejections().stream()
                                .map(r -> Map.of("row", r.rowNumber(), "reason", r.reason())).toList()))));
    }

    private Future<Long> publishVersion(long deckId, Parsed parsed, Request request) {
        List<DeckRow> rows = parsed.rows();
        return vertx.executeBlocking(() -> copy.copyIn(deckId, rows), false)
                .compose(v -> store.publish(deckId, rows.size()))
                .map(version -> {
                    vertx.eventBus().publish(Addresses.DECKS_PUBLISHED,
                            new DeckPublished(deckId, request.carrier(), request.service().wireName(), rows.size()));
                    return deckId;
                });
    }

    private static SwitchboardException refused(String why) {
        return new SwitchboardException(ErrorCode.TEL_602, "rate deck rejected: " + why, Map.of());
    }
}
