package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.sink.SinkRecord;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;

/**
 * The sink task's processing, wired as {@code SinkRuntime} wires it (in the connector's package, since the parts are
 * package-private), except that the ledger is chosen by the benchmark: the real {@link KafkaLedger}, or an
 * {@link InMemoryLedger} as the "ledger off" baseline (a harness-only switch; the connector has no such setting).
 * Records go through {@link PartitionedBatch} as a {@code put()} would send them.
 */
public final class SinkPipeline implements AutoCloseable {

    /** Where the ledger lives. */
    public enum LedgerMode { KAFKA, IN_MEMORY }

    private final MesosClientGateway master;
    private final Producer<byte[], byte[]> producer;
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
        master = new MesosClientGateway(new MesosClient(MesosConnectionConfig.toClientConfig(config)));
        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        if (mode == LedgerMode.KAFKA) {
            Map<String, Object> consumerProps = new HashMap<>(kafka);
            consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            ledger = new KafkaLedger(config.ledgerTopic(connector), producer,
                    new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    config.kafkaTimeout());
        } else {
            ledger = new InMemoryLedger();
        }
        ledger.refresh();
        ReservationTagger tagger = config.getBoolean(MesosSinkConnectorConfig.TAGGING)
                ? new ReservationTagger(config.getString(MesosSinkConnectorConfig.LABEL_KEY)) : null;
        Clock clock = Clock.systemUTC();
        CommandExecutor executor = new CommandExecutor(master, ledger, new EffectVerifier(master, tagger), tagger,
                config.retryPolicy(), Thread::sleep, clock, metrics,
                config.getBoolean(MesosSinkConnectorConfig.VERIFY));
        CommandProcessor processor = new CommandProcessor(
                new CommandParser(new MesosCallDecoder(), config.idSource(),
                        config.getString(MesosSinkConnectorConfig.ID_HEADER), config.format()),
                new CommandValidator(config.allowedTypes()), executor, ledger,
                new KafkaResultPublisher(config.resultTopic(connector), producer, config.kafkaTimeout()),
                new DeadLetterReporter(null), master, metrics, MesosJson::toTree, clock,
                config.getBoolean(MesosSinkConnectorConfig.DRY_RUN));
        pool = Executors.newFixedThreadPool(config.getInt(MesosSinkConnectorConfig.MAX_PARTITIONS), r -> {
            Thread t = new Thread(r, "bench-sink-partition");
            t.setDaemon(true);
            return t;
        });
        batch = new PartitionedBatch(pool, record -> {
            CommandState state = processor.process(record).state();
            synchronized (states) {
                states.merge(state, 1L, Long::sum);
            }
        }, (tp, offset) -> { }, config.getLong(MesosSinkConnectorConfig.BACKOFF_MAX));
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
