package io.switchboard.cdr;

import io.micrometer.core.instrument.Counter;
import io.switchboard.cdr.kafka.KafkaExporter;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.Json;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.bus.Role;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.node.NodeContext;
import io.switchboard.roles.RoleVerticle;
import io.switchboard.webhooks.WebhookDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cdr-writer} role (DESIGN section 2): takes finished calls and messages
 * ({@link Addresses#CDR_WRITE}) and the tenants' events ({@link Addresses#EVENTS}), puts them in a
 * durable journal ({@link CdrJournal}, group commit every {@code cdr.flush-interval-ms}) and
 * answers a finished call only once it is on disk; then writes the journal to PostgreSQL in
 * batches ({@link CdrRows}, idempotent) and, when {@code kafka.bootstrap} is set, to Kafka
 * ({@link KafkaExporter}); a batch leaves the journal only when both took it. While PostgreSQL is
 * down the journal grows (up to {@code cdr.journal-max-mb}) and the writer tries again every
 * {@code cdr.retry-interval-ms}. It also runs the webhook delivery of its node
 * ({@link WebhookDispatcher}).
 *
 * <p>Metrics: {@code switchboard_cdr_journal_batches} and {@code switchboard_cdr_journal_bytes}
 * (the buffer's depth), {@code switchboard_cdr_rows_total} (CDR rows written),
 * {@code switchboard_cdr_write_failures_total}.
 */
public final class CdrWriterVerticle extends RoleVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(CdrWriterVerticle.class);

    private final NodeContext node;
    private CdrJournal journal;
    private CdrRows rows;
    private KafkaExporter kafka;
    private WebhookDispatcher webhooks;
    private final List<JournalEntry> pending = new ArrayList<>();
    private final List<Message<?>> waiting = new ArrayList<>();
    private long flushTimer = -1;
    private boolean draining;
    /** After a failed write: no new attempt before the retry timer fires (no connection storm, no log flood). */
    private boolean backingOff;
    /** A batch arrived while a drain was running: look again when it ends. */
    private boolean drainAgain;
    private boolean stopped;
    private final AtomicInteger journalBatches = new AtomicInteger();
    private final AtomicLong journalBytes = new AtomicLong();
    private Counter written;
    private Counter failures;

    /** @param node the node's shared services */
    public CdrWriterVerticle(NodeContext node) {
        super(Role.CDR_WRITER, node.nodeId());
        this.node = node;
    }

    @Override
    public Future<?> start() {
        SwitchboardConfig.Cdr settings = node.config().cdr();
        Path dir = settings.journalDir().isEmpty()
                ? node.config().database().embeddedDataDir().toAbsolutePath().getParent().resolve("journal")
                : Path.of(settings.journalDir());
        rows = new CdrRows(node.pool());
        written = node.registry().counter("switchboard.cdr.rows");
        failures = node.registry().counter("switchboard.cdr.write.failures");
        node.registry().gauge("switchboard.cdr.journal.batches", journalBatches);
        node.registry().gauge("switchboard.cdr.journal.bytes", journalBytes);
        if (node.config().kafka().enabled()) {
            kafka = new KafkaExporter(vertx, node.config().kafka());
        }
        webhooks = new WebhookDispatcher(vertx, node.pool(), settings);
        return vertx.executeBlocking(() -> CdrJournal.open(dir, settings.journalMaxMb() * 1024L * 1024L), false)
                .compose(opened -> {
                    journal = opened;
                    journalBatches.set(opened.batches());
                    journalBytes.set(opened.bytes());
                    LOG.info("cdr-writer: journal {} ({} batches waiting)", journal.file(), journal.batches());
                    return rows.ensurePartitions(3).otherwise(0);
                })
                .compose(v -> super.start())
                .compose(v -> Future.all(
                        vertx.eventBus().<CallRecord>consumer(Addresses.CDR_WRITE, this::finished).completion(),
                        vertx.eventBus().<EventEnvelope>consumer(Addresses.EVENTS, this::event).completion()))
                .onSuccess(v -> {
                    vertx.setPeriodic(settings.retryIntervalMs(), id -> drain());
                    vertx.setPeriodic(3_600_000, id -> rows.ensurePartitions(3));
                    webhooks.start();
                    drain();
                });
    }

    private void finished(Message<CallRecord> message) {
        pending.add(JournalEntry.of(message.body()));
        waiting.add(message);
        scheduleFlush();
    }

    private void event(Message<EventEnvelope> message) {
        EventEnvelope event = message.body();
        if (event.tenantId() != null) {
            pending.add(JournalEntry.of(event));
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (flushTimer < 0) {
            flushTimer = vertx.setTimer(node.config().cdr().flushIntervalMs(), id -> flush());
        }
    }

    /** Group commit: everything that arrived since the last flush becomes one synced journal batch. */
    private void flush() {
        flushTimer = -1;
        if (pending.isEmpty()) {
            return;
        }
        List<JournalEntry> entries = List.copyOf(pending);
        List<Message<?>> replies = List.copyOf(waiting);
        pending.clear();
        waiting.clear();
        byte[] batch = JournalEntry.encode(entries);
        vertx.executeBlocking(() -> {
            journal.append(batch);
            updateGauges();
            return null;
        }, true).onComplete(done -> {
            if (done.succeeded()) {
                replies.forEach(m -> m.reply(null));
                drain();
            } else {
                LOG.error("cdr-writer: journal append failed: {}", done.cause().getMessage());
                SwitchboardException error = new SwitchboardException(ErrorCode.TEL_900,
                        "CDR journal refused the record: " + done.cause().getMessage());
                replies.forEach(m -> BusErrors.fail(m, error));
            }
        });
    }

    /**
     * Writes the oldest journal batches to PostgreSQL (and Kafka), one transaction at a time, then
     * removes them. While one group is written, the worker reads and prepares the next (reading,
     * JSON decoding and building the statements never run on the event loop).
     */
    private void drain() {
        if (draining || backingOff || stopped || journal == null) {
            drainAgain = draining;
            return;
        }
        draining = true;
        drainAgain = false;
        step(read(0));
    }

    /** Reads and prepares, on the journal's ordered worker, the group after the first {@code skip} batches. */
    private Future<JournalGroup> read(int skip) {
        int maxRecords = node.config().cdr().batchSize();
        return vertx.executeBlocking(() -> JournalGroup.read(journal, skip, maxRecords), true);
    }

    private void step(Future<JournalGroup> reading) {
        reading.compose(group -> {
            if (group.batches() == 0 || stopped) {
                return Future.<Future<JournalGroup>>succeededFuture(null);
            }
            Future<JournalGroup> next = read(group.batches());
            return rows.write(group.prepared())
                    .compose(count -> exportToKafka(group.entries()).map(count))
                    .compose(count -> vertx.executeBlocking(() -> {
                        journal.remove(group.batches());
                        updateGauges();
                        return count;
                    }, true))
                    .map(count -> {
                        written.increment(count);
                        return next;
                    });
        }).onComplete(result -> {
            if (result.succeeded() && result.result() != null) {
                step(result.result());
                return;
            }
            draining = false;
            if (result.failed() && !stopped) {
                failures.increment();
                LOG.warn("cdr-writer: cannot write CDRs yet ({}); {} batches wait in the journal; next try in {} ms",
                        result.cause().getMessage(), journalBatches.get(), node.config().cdr().retryIntervalMs());
                backingOff = true;
                vertx.setTimer(node.config().cdr().retryIntervalMs(), id -> {
                    backingOff = false;
                    drain();
                });
            } else if (drainAgain) {
                drain();
            }
        });
    }

    private Future<Void> exportToKafka(List<JournalEntry> entries) {
        if (kafka == null) {
            return Future.succeededFuture();
        }
        List<Future<Void>> sends = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (entry.call() != null) {
                sends.add(kafka.cdr(entry.call().id(), json(entry.call())));
            } else {
                String key = entry.event().data().path("call_id").asText(
                        entry.event().data().path("message_id").asText(entry.event().id()));
                sends.add(kafka.event(entry.event(), key));
            }
        }
        return Future.all(sends).mapEmpty();
    }

    /** Reads the journal's depth into the gauges; on the journal's (ordered) worker, like every journal call. */
    private void updateGauges() {
        journalBatches.set(journal.batches());
        journalBytes.set(journal.bytes());
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (flushTimer >= 0) {
            vertx.cancelTimer(flushTimer);
            flush();
        }
        Promise<Void> closed = Promise.promise();
        Future<Void> kafkaClosed = kafka == null ? Future.succeededFuture() : kafka.close();
        webhooks.stop();
        kafkaClosed.onComplete(v -> vertx.executeBlocking(() -> {
            if (journal != null) {
                journal.close();
            }
            return null;
        }, true).onComplete(x -> closed.complete()));
        return closed.future().compose(v -> super.stop());
    }
}
