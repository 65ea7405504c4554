package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and owns everything one sink task uses, and closes it in the right order. */
final class SinkRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRuntime.class);

    /** Task-config key the connector adds so each task names its metrics. */
    static final String TASK_ID = "mesos.sink.task.id";
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    private final MesosClientGateway master;
    private final Producer<byte[], byte[]> producer;
    private final KafkaLedger ledger;
    private final SinkMetrics metrics;
    private final ExecutorService pool;
    private final PartitionedBatch batch;

    SinkRuntime(Map<String, String> props, SinkTaskContext context) {
        MesosSinkConnectorConfig config = new MesosSinkConnectorConfig(props);
        String connector = props.getOrDefault("name", "mesos-sink");
        int taskId = Integer.parseInt(props.getOrDefault(TASK_ID, "0"));
        String ledgerTopic = config.ledgerTopic(connector);
        String resultTopic = config.resultTopic(connector);
        String clientId = connector + "-" + taskId;

        Map<String, Object> kafka = KafkaClientConfig.clientProperties(config);
        try (Admin admin = Admin.create(kafka)) {
            SinkTopics.ensure(admin, ledgerTopic, resultTopic,
                    config.getInt(MesosSinkConnectorConfig.LEDGER_PARTITIONS),
                    config.getShort(MesosSinkConnectorConfig.REPLICATION), config.kafkaTimeout().toMillis());
        }
        metrics = new SinkMetrics(connector, taskId);
        master = new MesosClientGateway(new MesosClient(MesosConnectionConfig.toClientConfig(config)));
        producer = new KafkaProducer<>(producerProps(kafka, clientId));
        ledger = new KafkaLedger(ledgerTopic, producer, new KafkaConsumer<>(consumerProps(kafka, clientId)),
                config.kafkaTimeout());
        metrics.ledgerLag(ledger::lag);

        CommandProcessor processor = processor(config, master, ledger,
                new KafkaResultPublisher(resultTopic, producer, config.kafkaTimeout()), errantReporter(context),
                metrics);
        pool = Executors.newFixedThreadPool(config.getInt(MesosSinkConnectorConfig.MAX_PARTITIONS),
                threads(clientId));
        batch = new PartitionedBatch(pool, (record, earlier) -> processor.process(record, earlier).durable(),
                context::offset, config.getLong(MesosSinkConnectorConfig.BACKOFF_MAX), batchBudgetMs(props));
        LOG.info("Mesos sink task {} started: ledger {}, results {}, allowed {}", clientId, ledgerTopic, resultTopic,
                config.allowedTypes());
    }

    /** One task's command pipeline: parse, validate, execute (ledger, verification, retries), report. */
    static CommandProcessor processor(MesosSinkConnectorConfig config, MesosClientGateway master, Ledger ledger,
                                      ResultPublisher results, ErrantRecordReporter errantReporter,
                                      SinkMetrics metrics) {
        ReservationTagger tagger = config.getBoolean(MesosSinkConnectorConfig.TAGGING)
                ? new ReservationTagger(config.getString(MesosSinkConnectorConfig.LABEL_KEY)) : null;
        Clock clock = Clock.systemUTC();
        CommandExecutor executor = new CommandExecutor(master, ledger, new EffectVerifier(master, tagger), tagger,
                config.retryPolicy(), Thread::sleep, clock, metrics,
                config.getBoolean(MesosSinkConnectorConfig.VERIFY));
        return new CommandProcessor(
                new CommandParser(new MesosCallDecoder(), config.idSource(),
                        config.getString(MesosSinkConnectorConfig.ID_HEADER), config.format()),
                new CommandValidator(config.allowedTypes()), executor, ledger, results,
                new DeadLetterReporter(errantReporter), master, metrics, MesosJson::toTree, clock,
                config.getBoolean(MesosSinkConnectorConfig.DRY_RUN));
    }

    /**
     * Half the consumer's {@code max.poll.interval.ms}, as set on the connector with
     * {@code consumer.override.max.poll.interval.ms}, else Kafka's default (a worker-wide setting is not visible here).
     */
    static long batchBudgetMs(Map<String, String> props) {
        String override = props.get("consumer.override." + ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long interval = override == null ? DEFAULT_MAX_POLL_INTERVAL_MS : Long.parseLong(override.trim());
        return interval / 2;
    }

    static Map<String, Object> producerProps(Map<String, Object> base, String clientId) {
        Map<String, Object> p = new HashMap<>(base);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-sink-producer");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    static Map<String, Object> consumerProps(Map<String, Object> base, String clientId) {
        Map<String, Object> p = new HashMap<>(base);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-ledger-reader");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static ErrantRecordReporter errantReporter(SinkTaskContext context) {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    private static ThreadFactory threads(String clientId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, clientId + "-partition-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    KafkaLedger ledger() {
        return ledger;
    }

    PartitionedBatch batch() {
        return batch;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(ledger);
        closeQuietly(producer);
        closeQuietly(master);
        closeQuietly(metrics);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Error closing {}", c.getClass().getSimpleName(), e);
        }
    }
}
