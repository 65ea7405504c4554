package io.kafkaconnect.mesos.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@code put()} batch: records grouped by partition, partitions concurrently on a bounded pool, records in
 * order within a partition. A record's handler may return before its final ledger record is durable; the partition's
 * next record is handed that write, and the partition's progress moves past a record only once its write is durable
 * (at the latest when the partition's part of the batch ends). Tracks, per partition, the next offset whose command
 * has not reached a durable, reported final state; {@link #committable} never lets Connect commit past it. When a
 * command's outcome cannot be made durable (ledger or result topic unavailable), its partition stops at that record
 * and is rewound so it is consumed again.
 * A batch also stops starting commands once it has run for its time budget (less than the consumer's
 * {@code max.poll.interval.ms}), rewinding each partition to its first command not started: a task whose consumer
 * misses its poll deadline loses its partitions to another task, and must not go on applying commands that task now
 * applies too (its ledger view does not see the other task's writes).
 */
public final class PartitionedBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedBatch.class);

    /** Processes one record; throws when its outcome could not be made durable. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * @param earlier the write returned for the partition's previous record (durable before this record makes a
         *                call or a ledger write; awaiting it throws if it failed)
         * @return the write that completes once this record's outcome, and the earlier ones, are durable
         */
        LedgerWrite handle(SinkRecord record, LedgerWrite earlier);
    }

    /** A handled record whose outcome may not be durable yet. */
    private record Unsettled(long offset, LedgerWrite write) {
    }

    private final ExecutorService pool;
    private final RecordHandler handler;
    private final BiConsumer<TopicPartition, Long> rewind;
    private final long pauseAfterFailureMs;
    private final long budgetNanos;
    private final Map<TopicPartition, Long> nextUnfinished = new ConcurrentHashMap<>();

    /**
     * @param rewind called with the partition and the offset to consume again (the task's
     *               {@code context.offset(tp, offset)})
     * @param pauseAfterFailureMs how long a partition waits after an unfinished command before it is consumed again,
     *                            so an unavailable ledger or result topic is not hammered
     * @param budgetMs            how long one batch may start commands for
     */
    public PartitionedBatch(ExecutorService pool, RecordHandler handler, BiConsumer<TopicPartition, Long> rewind,
                            long pauseAfterFailureMs, long budgetMs) {
        this.pool = pool;
        this.handler = handler;
        this.rewind = rewind;
        this.pauseAfterFailureMs = pauseAfterFailureMs;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMs);
    }

    public void run(Collection<SinkRecord> records) {
        Map<TopicPartition, List<SinkRecord>> byPartition = new LinkedHashMap<>();
        for (SinkRecord r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.kafkaPartition()), k -> new ArrayList<>())
                    .add(r);
        }
        long deadline = System.nanoTime() + budgetNanos;
        List<Future<?>> running = new ArrayList<>();
        byPartition.forEach((tp, list) -> running.add(pool.submit(() -> runPartition(tp, list, deadline))));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while processing commands", e);
            } catch (ExecutionException e) {
                throw new ConnectException("unexpected failure processing commands", e.getCause());
            }
        }
    }

    private void runPartition(TopicPartition tp, List<SinkRecord> records, long deadline) {
        Unsettled previous = null;
        for (SinkRecord record : records) {
            Long next = nextUnfinished.get(tp);
            if (next != null && record.kafkaOffset() < next) {
                continue; // already finished by this task (a redelivery after a rewind of another record)
            }
            if (System.nanoTime() - deadline > 0) {
                if (settle(tp, previous)) {
                    LOG.info("Batch time budget spent; {} is consumed again from offset {}", tp, record.kafkaOffset());
                    rewindTo(tp, record.kafkaOffset());
                }
                return;
            }
            LedgerWrite written;
            try {
                written = handler.handle(record, previous == null ? LedgerWrite.DONE : previous.write());
            } catch (LedgerException | ResultPublishException e) {
                if (settle(tp, previous)) {
                    stopAfterFailure(tp, record.kafkaOffset(), e);
                }
                return;
            } catch (CommandInterruptedException e) {
                LOG.info("{}; {} is consumed again from offset {}", e.getMessage(), tp, record.kafkaOffset());
                if (settle(tp, previous)) {
                    rewindTo(tp, record.kafkaOffset());
                }
                return;
            }
            if (!settle(tp, previous)) {
                return;
            }
            previous = new Unsettled(record.kafkaOffset(), written);
        }
        settle(tp, previous);
    }

    /**
     * Waits until a handled record's outcome is durable and moves the partition's progress past it; if it could not
     * be made durable, rewinds the partition to it and returns false.
     */
    private boolean settle(TopicPartition tp, Unsettled handled) {
        if (handled == null) {
            return true;
        }
        try {
            handled.write().awaitDurable();
        } catch (LedgerException e) {
            stopAfterFailure(tp, handled.offset(), e);
            return false;
        }
        nextUnfinished.put(tp, handled.offset() + 1);
        return true;
    }

    private void stopAfterFailure(TopicPartition tp, long offset, RuntimeException e) {
        LOG.error("Command at {}-{} not finished ({}); it will be consumed again", tp, offset, e.getMessage(), e);
        rewindTo(tp, offset);
        pause();
    }

    /** Stops the partition's progress at {@code offset} and has it consumed again from there. */
    private void rewindTo(TopicPartition tp, long offset) {
        nextUnfinished.put(tp, offset);
        rewind.accept(tp, offset);
    }

    private void pause() {
        try {
            Thread.sleep(pauseAfterFailureMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Offsets Connect may commit: the worker's, capped at the first unfinished command of each partition. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> safe = new LinkedHashMap<>();
        current.forEach((tp, offset) -> {
            Long next = nextUnfinished.get(tp);
            safe.put(tp, next == null || next >= offset.offset() ? offset : new OffsetAndMetadata(next));
        });
        return safe;
    }

    /** Forgets partitions that are no longer assigned. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(nextUnfinished::remove);
    }
}
