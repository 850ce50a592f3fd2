package io.switchboard.api;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.router.DeckImporter;
import io.switchboard.router.deck.DeckFormat;
import io.switchboard.router.store.DeckStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rate decks over REST:
 * <ul>
 *   <li>{@code POST /v1/decks?carrier=telnyx&service=voice[&format=az|twilio|supplier-notice]
 *       [&skip_invalid=true]} with the CSV file as the body: streamed to a temporary file (never
 *       held in memory; at most {@code router.deck-upload-limit} bytes, else 413), then imported
 *       by {@link DeckImporter}; 201 with the import report, or 422 TEL-602 with the rejected rows;
 *       {@code publish=false} keeps an accepted version {@code staged} until
 *       {@code POST /v1/carriers/{id}/decks/{deck}/publish};</li>
 *   <li>{@code GET /v1/decks[?carrier=]}: every version, newest first;</li>
 *   <li>{@code GET /v1/decks/diff?from=V1&to=V2[&limit=1000]}: added, removed, up, down per prefix;</li>
 *   <li>{@code GET /v1/decks/{id}/rates[?prefix=44&limit=1000]}: the rows of any version, older
 *       ones included.</li>
 * </ul>
 * The upload route must be mounted before any body handler.
 */
final class DecksApi {

    private final Vertx vertx;
    private final DeckStore store;
    private final DeckImporter importer;
    private final long uploadLimit;
    private final AuditTrail audit;

    DecksApi(Vertx vertx, DeckStore store, DeckImporter importer, long uploadLimit, AuditTrail audit) {
        this.audit = audit;
        this.vertx = vertx;
        this.store = store;
        this.importer = importer;
        this.uploadLimit = uploadLimit;
    }

    /**
     * Mounts {@code POST /v1/decks} and {@code POST /v1/carriers/{id}/decks} (the same import, the
     * carrier from the path; an unknown or deleted carrier is TEL-013): call before the router's body handler.
     */
    void mountUpload(Router router) {
        router.post("/v1/decks").handler(ctx -> upload(ctx, false));
        router.post("/v1/carriers/:id/decks").handler(ctx -> upload(ctx, true));
    }

    /**
     * Mounts the read routes, and under a carrier: {@code GET /v1/carriers/{id}/decks} (its versions,
     * newest first) and {@code GET /v1/carriers/{id}/decks/diff?from=&to=[&limit=]} (both versions
     * must be the carrier's, else TEL-013).
     */
    void mountReads(Router router) {
        router.get("/v1/decks").handler(this::list);
        router.get("/v1/decks/diff").handler(this::diff);
        router.get("/v1/decks/:id/rates").handler(this::rates);
        router.get("/v1/carriers/:id/decks").handler(this::carrierList);
        router.get("/v1/carriers/:id/decks/diff").handler(this::carrierDiff);
        router.post("/v1/carriers/:id/decks/:deck/publish").handler(this::publishStaged);
    }

    /**
     * {@code POST /v1/carriers/{id}/decks/{deck}/publish}: publishes a version imported with
     * {@code publish=false} (200 with the version); another carrier's version or an unknown one is
     * TEL-013, a version that is not staged TEL-011 naming {@code deck}.
     */
    private void publishStaged(RoutingContext ctx) {
        String carrier = ctx.pathParam("id");
        long deckId;
        try {
            deckId = Long.parseLong(ctx.pathParam("deck"));
        } catch (NumberFormatException e) {
            ApiResponses.error(ctx, new SwitchboardException(ErrorCode.TEL_013, "no deck version " + ctx.pathParam("deck"),
                    Map.of("field", "deck")), "decks");
            return;
        }
        existing(carrier, false)
                .compose(v -> version(deckId, "deck"))
                .compose(version -> version.carrier().equals(carrier) ? Future.succeededFuture(version)
                        : Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013, "carrier " + carrier
                                + " has no deck version " + deckId, Map.of("field", "deck"))))
                .compose(before -> importer.publishStaged(deckId)
                        .recover(e -> Future.failedFuture(e instanceof IllegalStateException
                                ? SwitchboardException.invalidField(ErrorCode.TEL_011, "deck", "deck: " + e.getMessage())
                                : e))
                        .compose(after -> audit.record(ctx, null, "deck.publish", carrier, before, after).map(after)))
                .onSuccess(version -> ApiResponses.json(ctx, 200, version))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    private void upload(RoutingContext ctx, boolean carrierInPath) {
        DeckImporter.Request request;
        try {
            String format = Params.optional(ctx, "format");
            String carrier = carrierInPath ? ctx.pathParam("id") : Params.carrierId(ctx, "carrier");
            Params.required(ctx, "service");
            request = new DeckImporter.Request(carrier, Params.service(ctx, "service", null),
                    format == null ? null : format(format), Params.bool(ctx, "skip_invalid"),
                    Params.optional(ctx, "filename"), Params.optional(ctx, "publish") == null || Params.bool(ctx, "publish"));
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > uploadLimit) {
                throw tooLarge(length + " bytes");
            }
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "decks");
            return;
        }
        ctx.request().pause();
        // POST /v1/decks registers a new carrier by its first deck, but never revives a deleted one
        Future<Void> known = carrierInPath ? existing(request.carrier(), false)
                : store.carrierDeleted(request.carrier()).compose(deleted -> deleted
                        ? Future.failedFuture(io.switchboard.carrier.config.CarrierAdminStore.notFound(request.carrier()))
                        : Future.succeededFuture());
        known.compose(v -> vertx.fileSystem().createTempFile("switchboard-deck-", ".csv"))
                .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true))
                        .compose(file -> ctx.request().pipeTo(file))
                        .compose(v -> vertx.fileSystem().props(path))
                        .compose(props -> props.size() > uploadLimit
                                ? Future.<Void>failedFuture(tooLarge(props.size() + " bytes")) : Future.<Void>succeededFuture())
                        .compose(v -> importer.importFile(Path.of(path), request))
                        .eventually(() -> vertx.fileSystem().delete(path)))
                .compose(report -> audit.record(ctx, null, "deck.import", request.carrier(), null, report).map(report))
                .onSuccess(report -> ApiResponses.json(ctx, 201, report))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    /** @return the 413 TEL-011 of an upload of {@code size} over {@code router.deck-upload-limit} */
    private SwitchboardException tooLarge(String size) {
        return new SwitchboardException(ErrorCode.TEL_011, "deck upload of " + size + " is over the limit of " + uploadLimit
                + " bytes (router.deck-upload-limit)", Map.of("field", "body"), 413, null);
    }

    private static DeckFormat format(String id) {
        try {
            return DeckFormat.fromId(id);
        } catch (IllegalArgumentException e) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "format",
                    "format: expected az, twilio or supplier-notice, got '" + id + "'");
        }
    }

    private void list(RoutingContext ctx) {
        String carrier = Params.optional(ctx, "carrier");
        store.list(carrier).onSuccess(versions -> ApiResponses.json(ctx, 200, Map.of("data", versions)))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    /** @return succeeds when the carrier exists (and, unless {@code deletedToo}, is not deleted); TEL-013 otherwise */
    private Future<Void> existing(String carrier, boolean deletedToo) {
        return store.carrierExists(carrier, deletedToo).compose(found -> found ? Future.succeededFuture()
                : Future.failedFuture(io.switchboard.carrier.config.CarrierAdminStore.notFound(carrier)));
    }

    private Future<io.switchboard.router.store.DeckVersion> version(long id, String field) {
        return store.get(id).recover(e -> Future.failedFuture(e instanceof java.util.NoSuchElementException
                ? new SwitchboardException(ErrorCode.TEL_013, "no deck version " + id, Map.of("field", field)) : e));
    }

    private void carrierList(RoutingContext ctx) {
        String carrier = ctx.pathParam("id");
        existing(carrier, true).compose(v -> store.list(carrier))
                .onSuccess(versions -> ApiResponses.json(ctx, 200, Map.of("data", versions)))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    private void carrierDiff(RoutingContext ctx) {
        String carrier = ctx.pathParam("id");
        long from;
        long to;
        int limit;
        try {
            from = Params.positiveLong(ctx, "from");
            to = Params.positiveLong(ctx, "to");
            limit = Params.limit(ctx, 1_000, 100_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "decks");
            return;
        }
        existing(carrier, true)
                .compose(v -> Future.all(version(from, "from"), version(to, "to")))
                .compose(both -> {
                    for (int i = 0; i < 2; i++) {
                        io.switchboard.router.store.DeckVersion version = both.resultAt(i);
                        if (!version.carrier().equals(carrier)) {
                            long id = i == 0 ? from : to;
                            return Future.failedFuture(new SwitchboardException(ErrorCode.TEL_013, "carrier " + carrier
                                    + " has no deck version " + id, Map.of("field", i == 0 ? "from" : "to")));
                        }
                    }
                    return store.diff(from, to, limit);
                })
                .onSuccess(diff -> ApiResponses.json(ctx, 200, diff))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    private void rates(RoutingContext ctx) {
        long deckId;
        String prefix;
        int limit;
        try {
            deckId = Params.positiveLong(ctx, "id");
            prefix = Params.optional(ctx, "prefix") == null ? "" : Params.optional(ctx, "prefix");
            if (!prefix.matches("[0-9]{0,16}")) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "prefix",
                        "prefix: expected up to 16 digits, got '" + prefix + "'");
            }
            limit = Params.limit(ctx, 1_000, 100_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "decks");
            return;
        }
        store.rates(deckId, prefix, limit).onSuccess(rows -> ApiResponses.json(ctx, 200, Map.of("data", rows)))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }

    private void diff(RoutingContext ctx) {
        long from;
        long to;
        int limit;
        try {
            from = Params.positiveLong(ctx, "from");
            to = Params.positiveLong(ctx, "to");
            limit = Params.limit(ctx, 1_000, 100_000);
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "decks");
            return;
        }
        store.diff(from, to, limit).onSuccess(diff -> ApiResponses.json(ctx, 200, diff))
                .onFailure(error -> ApiResponses.error(ctx, error, "decks"));
    }
}
