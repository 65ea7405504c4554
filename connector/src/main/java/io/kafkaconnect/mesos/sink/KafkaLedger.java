package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on a compacted Kafka topic, keyed by command id. Writes go through an idempotent producer with
 * {@code acks=all}; an entry enters the view only once acknowledged. {@link #refresh()} reads the whole topic up to
 * its end offsets, so every worker that is assigned a command partition sees what the previous owner recorded. The
 * consumer is owned by this object.
 */
public final class KafkaLedger implements Ledger {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLedger.class);

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final InMemoryLedger view = new InMemoryLedger();
    /** Writes sent and not yet acknowledged, by command id. */
    private final Map<String, CompletableFuture<Void>> unacknowledged = new ConcurrentHashMap<>();
    private volatile long lag;
    private boolean assigned;

    public KafkaLedger(String topic, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
                       Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.consumer = consumer;
        this.timeout = timeout;
    }

    @Override
    public Optional<LedgerEntry> get(String commandId) {
        CompletableFuture<Void> sending = unacknowledged.get(commandId);
        if (sending != null) {
            try {
                sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException("interrupted waiting for a ledger write of command " + commandId, e);
            } catch (ExecutionException | TimeoutException e) {
                // Not durable (yet): the view holds what is.
            }
        }
        return view.get(commandId);
    }

    @Override
    public LedgerWrite send(LedgerEntry entry) {
        String id = entry.commandId();
        CommandState from = get(id).map(LedgerEntry::state).orElse(null);
        if (!CommandState.canTransition(from, entry.state())) {
            throw new IllegalStateException("command " + id + ": " + from + " -> " + entry.state()
                    + " is not allowed");
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        unacknowledged.put(id, acknowledged);
        try {
            producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), LedgerJson.write(entry)),
                    (metadata, error) -> {
                        if (error == null) {
                            view.apply(entry);
                        }
                        unacknowledged.remove(id, acknowledged);
                        if (error == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(error);
                        }
                    });
        } catch (KafkaException e) {
            unacknowledged.remove(id, acknowledged);
            throw failure(entry, e);
        }
        return () -> awaitDurable(acknowledged, entry);
    }

    private void awaitDurable(CompletableFuture<Void> acknowledged, LedgerEntry entry) {
        try {
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted writing the ledger", e);
        } catch (ExecutionException e) {
            throw failure(entry, e.getCause());
        } catch (TimeoutException e) {
            throw failure(entry, e);
        }
    }

    private LedgerException failure(LedgerEntry entry, Throwable cause) {
        return new LedgerException("could not record " + entry.state() + " for command " + entry.commandId()
                + " on " + topic, cause);
    }

    @Override
    public synchronized void refresh() {
        try {
            if (!assigned) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
                if (partitions.isEmpty()) {
                    throw new LedgerException("the ledger topic " + topic + " does not exist", null);
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                behind += Math.max(0, e.getValue() - consumer.position(e.getKey(), timeout));
            }
            lag = behind;
            long deadline = System.nanoTime() + timeout.toNanos();
            int read = 0;
            while (!caughtUp(end)) {
                if (System.nanoTime() > deadline) {
                    throw new LedgerException("timed out reading the ledger topic " + topic, null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                    read++;
                }
            }
            LOG.info("Ledger {} read up to its end: {} records this time, {} command ids known", topic, read,
                    view.size());
        } catch (KafkaException e) {
            throw new LedgerException("could not read the ledger topic " + topic, e);
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null) {
            return;
        }
        String id = new String(r.key(), StandardCharsets.UTF_8);
        if (r.value() == null) {
            view.remove(id);
            return;
        }
        try {
            view.apply(LedgerJson.read(r.value()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping unreadable ledger record {}-{}@{} for command {}: {}", r.topic(), r.partition(),
                    r.offset(), id, e.getMessage());
        }
    }

    @Override
    public long lag() {
        return lag;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
