package io.switchboard.router;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.DeckPublished;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckFormat;
import io.switchboard.router.deck.DeckFormatException;
import io.switchboard.router.deck.DeckReader;
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
 * validates every row on a worker thread while streaming it into one PostgreSQL COPY, then
 * commits and publishes the whole version, or cancels the COPY and stores none of it.
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
     * @param publish whether an accepted version is published at once; false keeps it {@code staged}
     *     until {@link #publishStaged}
     */
    public record Request(String carrier, Service service, DeckFormat format, boolean skipInvalid, String sourceName,
                          boolean publish) {

        /** A request whose accepted version is published at once. */
        public Request(String carrier, Service service, DeckFormat format, boolean skipInvalid, String sourceName) {
            this(carrier, service, format, skipInvalid, sourceName, true);
        }
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

    private record Parsed(DeckFormat format, List<RowRejection> rejections, ReadSummary summary, boolean stored,
                          long parseMs) {
    }

    /**
     * @param file the deck file (UTF-8)
     * @param request what it is
     * @return the report; fails with {@link SwitchboardException} TEL-602 when the file is refused
     *     (unreadable layout, rejected rows without {@code skipInvalid}, unconvertible currency)
     */
    public Future<ImportReport> importFile(Path file, Request request) {
        long started = System.nanoTime();
        String service = request.service().wireName();
        return store.ensureCarrier(request.carrier(), service)
                .compose(v -> store.create(request.carrier(), service, baseCurrency.getCurrencyCode(), request.sourceName()))
                .compose(deckId -> vertx.executeBlocking(() -> readAndCopy(file, request, deckId), false)
                        .compose(parsed -> finish(deckId, parsed, request, started),
                                error -> store.reject(deckId, new JsonArray().add(new JsonObject()
                                        .put("row", 0).put("reason", error.getMessage())))
                                        .transform(x -> Future.failedFuture(error))));
    }

    /**
     * Reads, validates and streams every row into one COPY (worker thread). The COPY is committed
     * only if the deck is accepted: no rejected row (or {@code skipInvalid}), a known currency,
     * at least one row; otherwise it is cancelled and nothing is stored.
     */
    private Parsed readAndCopy(Path file, Request request, long deckId) throws Exception {
        long started = System.nanoTime();
        List<RowRejection> rejections = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             RatesCopy.Stream copyIn = copy.open(deckId)) {
            DeckFormat format = request.format() != null ? request.format() : DeckFormat.sniff(in).orElseThrow(() ->
                    refused("cannot tell the deck's layout from its header; give format=az|twilio|supplier-notice"));
            ReadSummary summary = new DeckReader().read(in, format.defaultLayout(), row -> {
                try {
                    copyIn.add(row);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, rejection -> {
                if (rejections.size() < ImportReport.MAX_LISTED) {
                    rejections.add(rejection);
                }
            });
            boolean accept = summary.rowsAccepted() > 0 && acceptedCurrency(summary)
                    && (summary.rowsRejected() == 0 || request.skipInvalid());
            if (accept) {
                copyIn.commit();
            }
            return new Parsed(format, rejections, summary, accept, (System.nanoTime() - started) / 1_000_000);
        } catch (DeckFormatException e) {
            throw refused(e.getMessage());
        } catch (java.nio.charset.MalformedInputException e) {
            throw refused("the file is not UTF-8 text");
        }
    }

    private boolean acceptedCurrency(ReadSummary summary) {
        String currency = summary.currency();
        return currency == null || currency.equals(baseCurrency.getCurrencyCode()) || exchangeRates.containsKey(currency);
    }

    private Future<ImportReport> finish(long deckId, Parsed parsed, Request request, long started) {
        String currency = parsed.summary().currency() != null ? parsed.summary().currency()
                : baseCurrency.getCurrencyCode();
        if (!parsed.stored()) {
            String why = parsed.summary().rowsAccepted() == 0 ? "the file has no valid rate rows"
                    : !acceptedCurrency(parsed.summary()) ? "deck currency " + currency + " has no exchange rate into "
                    + baseCurrency.getCurrencyCode() + " (router.exchange-rates)"
                    : parsed.summary().rowsRejected() + " invalid rows (import again with skip_invalid=true to publish "
                    + "the valid rows)";
            return rejectVersion(deckId, parsed, why);
        }
        if (!request.publish()) {
            return store.stage(deckId, (int) parsed.summary().rowsAccepted(), currency)
                    .map(version -> new ImportReport(deckId, request.carrier(), request.service().wireName(),
                            parsed.format().id(), "staged", parsed.summary().rowsAccepted(),
                            parsed.summary().rowsRejected(), parsed.rejections(), currency, parsed.parseMs(),
                            Math.max(0, (System.nanoTime() - started) / 1_000_000 - parsed.parseMs())));
        }
        return store.publish(deckId, (int) parsed.summary().rowsAccepted(), currency)
                .map(version -> {
                    vertx.eventBus().publish(Addresses.DECKS_PUBLISHED, new DeckPublished(deckId, request.carrier(),
                            request.service().wireName(), (int) parsed.summary().rowsAccepted()));
                    long totalMs = (System.nanoTime() - started) / 1_000_000;
                    return new ImportReport(deckId, request.carrier(), request.service().wireName(), parsed.format().id(),
                            "published", parsed.summary().rowsAccepted(), parsed.summary().rowsRejected(),
                            parsed.rejections(), currency, parsed.parseMs(), Math.max(0, totalMs - parsed.parseMs()));
                });
    }

    /**
     * Publishes a version imported with {@code publish = false}: it supersedes the carrier's
     * published version of its service and is announced on {@link Addresses#DECKS_PUBLISHED}.
     *
     * @param deckId the staged version
     * @return the published version; fails with {@link IllegalStateException} when it is not staged
     */
    public Future<io.switchboard.router.store.DeckVersion> publishStaged(long deckId) {
        return store.publishStaged(deckId).onSuccess(version -> vertx.eventBus().publish(Addresses.DECKS_PUBLISHED,
                new DeckPublished(deckId, version.carrier(), version.service(), version.rowCount())));
    }

    private Future<ImportReport> rejectVersion(long deckId, Parsed parsed, String why) {
        JsonArray report = new JsonArray();
        parsed.rejections().forEach(r -> report.add(new JsonObject().put("row", r.rowNumber()).put("reason", r.reason())));
        return store.reject(deckId, report).compose(v -> Future.failedFuture(new SwitchboardException(ErrorCode.TEL_602,
                "rate deck rejected: " + why + "; deck version " + deckId + " kept as rejected",
                Map.of("deck_id", deckId, "rows_rejected", parsed.summary().rowsRejected(),
                        "rejections", parsed.rejections().stream()
                                .map(r -> Map.of("row", r.rowNumber(), "reason", r.reason())).toList()))));
    }

    private static SwitchboardException refused(String why) {
        return new SwitchboardException(ErrorCode.TEL_602, "rate deck rejected: " + why, Map.of());
    }
}
