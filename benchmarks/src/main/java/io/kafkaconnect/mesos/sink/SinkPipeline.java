package io.kafkaconnect.mesos.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.sink.SinkRecord;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;

/**
 * The sink task's processing, wired as {@code SinkRuntime} wires it (in the connector's package, since the parts are
 * package-private), except that the ledger is chosen by the benchmark: the real {@link KafkaLedger}, or an
 * {@link InMemoryLedger} as the "ledger off" baseline (a harness-only switch; the connector has no such setting).
 * Records go through {@link PartitionedBatch} as a {@code put()} would send them.
 */
public final class SinkPipeline implements AutoCloseable {

    /** Where the ledger lives, and how its final records are waited for. */
    public enum LedgerMode {
        /** The connector as it runs: a command's final record is awaited by the partition's next command. */
        KAFKA,
        /** Kafka, every final record awaited before the partition's next command starts (the sink before pipelining). */
        KAFKA_WRITE_BY_WRITE,
        /** The ledger off: an {@link InMemoryLedger} (results still go to Kafka). */
        IN_MEMORY
    }

    private static final byte[] PROBE_KEY = "round-trip-probe".getBytes(StandardCharsets.UTF_8);

    private final MesosClientGateway master;
    private final Producer<byte[], byte[]> producer;
    private final String resultTopic;
    private final Ledger ledger;
    private final SinkMetrics metrics;
    private final ExecutorService pool;
    private final PartitionedBatch batch;
    private final Map<CommandState, Long> states = new EnumMap<>(CommandState.class);

    public SinkPipeline(Map<String, String> props, LedgerMode mode) {
        MesosSinkConnectorConfig config = new MesosSinkConnectorConfig(props);
        String connector = props.get("name");
        Map<String, Object> kafka = KafkaClientConfig.clientProperties(config);
        try (Admin admin = Admin.create(kafka)) {
            SinkTopics.ensure(admin, config.ledgerTopic(connector), config.resultTopic(connector),
                    config.getInt(MesosSinkConnectorConfig.LEDGER_PARTITIONS),
                    config.getShort(MesosSinkConnectorConfig.REPLICATION), config.kafkaTimeout().toMillis());
        }
        metrics = new SinkMetrics(connector + "-" + mode, 0);
        resultTopic = config.resultTopic(connector);
        master = new MesosClientGateway(new MesosClient(MesosConnectionConfig.toClientConfig(config)));
        producer = new KafkaProducer<>(SinkRuntime.producerProps(kafka, "bench-" + mode));
        ledger = mode != LedgerMode.IN_MEMORY
                ? new KafkaLedger(config.ledgerTopic(connector), producer,
                        new KafkaConsumer<>(SinkRuntime.consumerProps(kafka, "bench")), config.kafkaTimeout())
                : new InMemoryLedger();
        ledger.refresh();
        CommandProcessor processor = SinkRuntime.processor(config, master, ledger,
                new KafkaResultPublisher(resultTopic, producer, config.kafkaTimeout()), null,
                metrics);
        pool = Executors.newFixedThreadPool(config.getInt(MesosSinkConnectorConfig.MAX_PARTITIONS), r -> {
            Thread t = new Thread(r, "bench-sink-partition");
            t.setDaemon(true);
            return t;
        });
        batch = new PartitionedBatch(pool, (record, earlier) -> {
            CommandProcessor.Processed processed = processor.process(record, earlier);
            synchronized (states) {
                states.merge(processed.result().state(), 1L, Long::sum);
            }
            if (mode == LedgerMode.KAFKA_WRITE_BY_WRITE) {
                processed.durable().awaitDurable();
                return LedgerWrite.DONE;
            }
            return processed.durable();
        }, (tp, offset) -> { }, config.getLong(MesosSinkConnectorConfig.BACKOFF_MAX),
                SinkRuntime.batchBudgetMs(props));
    }

    /** One {@code put()} batch. */
    public void put(Collection<SinkRecord> records) {
        batch.run(records);
    }

    /** How many commands reached each final state so far. */
    public Map<CommandState, Long> states() {
        synchronized (states) {
            return new EnumMap<>(states);
        }
    }

    /**
     * The median time of one acknowledged write through the pipeline's producer (as the ledger and result writes are
     * made), with {@code threads} threads each writing {@code writes} records, one at a time, to the result topic.
     */
    public double acknowledgedWriteMillis(int threads, int writes) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(writers.submit(() -> {
                    long[] nanos = new long[writes];
                    for (int i = 0; i < writes; i++) {
                        long start = System.nanoTime();
                        producer.send(new ProducerRecord<>(resultTopic, PROBE_KEY, PROBE_KEY)).get();
                        nanos[i] = System.nanoTime() - start;
                    }
                    return nanos;
                }));
            }
            List<Double> millis = new ArrayList<>();
            for (Future<long[]> f : running) {
                for (long n : f.get()) {
                    millis.add(n / 1e6);
                }
            }
            Collections.sort(millis);
            return millis.get(millis.size() / 2);
        } finally {
            writers.shutdownNow();
        }
    }

    /** The gateway the commands go through, for the calls-only baseline. */
    public MasterGateway master() {
        return master;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ledger.close();
        producer.close();
        master.close();
        metrics.close();
    }
}
