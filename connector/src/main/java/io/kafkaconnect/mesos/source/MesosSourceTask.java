package io.kafkaconnect.mesos.source;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.source.poll.JitteredInterval;
import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PollScheduler;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.state.EntityKind;
import io.kafkaconnect.mesos.source.state.EntityModel;
import io.kafkaconnect.mesos.source.state.PublishedState;
import io.kafkaconnect.mesos.source.state.RecoveryHolds;
import io.kafkaconnect.mesos.source.stream.Backoff;
import io.kafkaconnect.mesos.source.stream.StreamItem;
import io.kafkaconnect.mesos.source.stream.StreamReader;

/**
 * One source task. Task 0 holds the SUBSCRIBE stream (on a reader thread) and the GET_STATE-family polls; every task
 * polls its share of the other calls on scheduler threads. Everything reaches {@link #poll()} through one bounded
 * queue and is turned into records on the task thread by {@link StreamProcessor} and {@link PollProcessor}.
 */
public class MesosSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(MesosSourceTask.class);
    private static final long POLL_WAIT_MS = 200;
    private static final Map<PollGroup, EntityKind> GROUP_TOPICS = Map.of(PollGroup.ROLES, EntityKind.ROLE,
            PollGroup.QUOTA, EntityKind.QUOTA, PollGroup.MAINTENANCE, EntityKind.MAINTENANCE, PollGroup.MASTER,
            EntityKind.MASTER, PollGroup.OPERATIONS, EntityKind.OPERATION);

    private MesosClient client;
    private StreamReader reader;
    private PollScheduler scheduler;
    private BlockingQueue<StreamItem> queue;
    private StreamProcessor stream;
    private PollProcessor polls;
    private SourceTaskMetrics metrics;
    private final Deque<SourceRecord> pending = new ArrayDeque<>();
    private int maxBatch;

    @Override
    public String version() {
        return MesosSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        MesosSourceConnectorConfig config = new MesosSourceConnectorConfig(props);
        boolean holdsStream = config.taskHoldsStream();
        Set<PollGroup> groups = config.taskGroups();
        maxBatch = config.getInt(MesosSourceConnectorConfig.MAX_BATCH_SIZE);
        metrics = new SourceTaskMetrics(props.getOrDefault("name", "mesos-source"), config.taskIndex());
        queue = new ArrayBlockingQueue<>(config.getInt(MesosSourceConnectorConfig.STREAM_QUEUE_CAPACITY));
        metrics.queueDepth(queue::size);

        SourceOffsets.StreamPosition position = holdsStream || groups.contains(PollGroup.STATE)
                ? SourceOffsets.StreamPosition.fromMap(context.offsetStorageReader()
                .offset(SourceOffsets.streamPartition())) : null;
        Set<PollGroup> fresh = EnumSet.noneOf(PollGroup.class);
        Map<String, EntityKind> readBack = new HashMap<>();
        RecordFactory records = new RecordFactory(config.topicPrefix());
        if (position != null) {
            EntityKind.STREAMED.forEach(kind -> readBack.put(records.topic(kind), kind));
        }
        for (PollGroup group : groups) {
            if (group == PollGroup.STATE || group == PollGroup.METRICS) {
                continue;
            }
            if (context.offsetStorageReader().offset(SourceOffsets.pollPartition(group)) == null) {
                fresh.add(group);
            } else {
                readBack.put(records.topic(GROUP_TOPICS.get(group)), GROUP_TOPICS.get(group));
            }
        }
        PublishedState published = new PublishedState();
        new PublishedStateLoader(KafkaClientConfig.clientProperties(config),
                config.duration(MesosSourceConnectorConfig.READBACK_TIMEOUT_MS)).load(readBack, published);
        log.info("Task {} starting: stream={}, groups={}, resuming from {}", config.taskIndex(), holdsStream, groups,
                position == null ? "nothing (full snapshot)" : position);

        EntityModel model = new EntityModel(published,
                new RecoveryHolds(config.duration(MesosSourceConnectorConfig.RECOVERED_AGENT_TIMEOUT_MS)));
        stream = new StreamProcessor(model, records, config.snapshotMode(),
                position != null && position.snapshotComplete(),
                config.getBoolean(MesosSourceConnectorConfig.HEARTBEAT_TOPIC_ENABLED),
                config.getInt(MesosSourceConnectorConfig.EVENTS_SNAPSHOT_MAX_BYTES), holdsStream, metrics);
        polls = new PollProcessor(records, published,
                config.getBoolean(MesosSourceConnectorConfig.POLL_CHANGES_ONLY), fresh);

        client = new MesosClient(MesosConnectionConfig.toClientConfig(config));
        MasterIdentity identity = new MasterIdentity(client);
        if (holdsStream) {
            reader = new StreamReader(new ClientStreamConnector(client, identity,
                    config.getInt(MesosSourceConnectorConfig.EVENTS_SNAPSHOT_MAX_BYTES)), queue,
                    config.duration(MesosSourceConnectorConfig.STREAM_QUEUE_FULL_TIMEOUT_MS),
                    new Backoff(config.duration(MesosSourceConnectorConfig.STREAM_BACKOFF_MS),
                            config.duration(MesosSourceConnectorConfig.STREAM_BACKOFF_MAX_MS), new Random()),
                    ClientStreamConnector::classify, metrics, "mesos-stream-" + config.taskIndex());
            metrics.streamBytes(reader::bytesReceived);
            reader.start();
        }
        Set<PolledCall> calls = config.enabledCalls(groups);
        if (!calls.isEmpty()) {
            PollRunner runner = new PollRunner(client, identity, queue,
                    () -> reader == null ? 0 : reader.generation(), () -> reader == null ? 0 : reader.receivedIndex(),
                    config.getLong(MesosSourceConnectorConfig.POLL_METRICS_TIMEOUT_MS), metrics);
            scheduler = new PollScheduler(Executors.newScheduledThreadPool(Math.min(calls.size(), 4), r -> {
                Thread thread = new Thread(r, "mesos-poll-" + config.taskIndex());
                thread.setDaemon(true);
                return thread;
            }), new JitteredInterval(config.getDouble(MesosSourceConnectorConfig.POLL_JITTER_RATIO), new Random()));
            for (PolledCall call : calls) {
                scheduler.schedule(call, config.duration(call.intervalKey()), () -> runner.run(call));
            }
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (pending.isEmpty()) {
            fill();
        }
        if (pending.isEmpty()) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxBatch, pending.size()));
        while (batch.size() < maxBatch && !pending.isEmpty()) {
            batch.add(pending.poll());
        }
        metrics.recordsEmitted(batch.size());
        return batch;
    }

    /**
     * Turns queued items into about a batch of records. A snapshot being finished (its removals, say) goes first and
     * a batch at a time, so a cluster-sized snapshot never sits in memory as records.
     */
    private void fill() throws InterruptedException {
        if (stream.hasBacklog()) {
            pending.addAll(stream.backlog(maxBatch));
            return;
        }
        StreamItem item = queue.poll(POLL_WAIT_MS, TimeUnit.MILLISECONDS);
        while (item != null) {
            pending.addAll(process(item));
            if (pending.size() >= maxBatch || stream.hasBacklog()) {
                break;
            }
            item = queue.poll();
        }
        pending.addAll(stream.tick(Instant.now()));
    }

    private List<SourceRecord> process(StreamItem item) {
        try {
            if (item instanceof StreamItem.Polled polled) {
                PolledCall call = PolledCall.valueOf(polled.call());
                if (call.group() != PollGroup.STATE) {
                    return polls.handle(call, polled.response(), polled.master(), polled.masterId(),
                            polled.polledAtMillis());
                }
            }
            return stream.handle(item);
        } catch (RuntimeException e) {
            // A mapping bug must not take the task down silently, nor lose the item unnoticed.
            throw new ConnectException("Could not turn " + describe(item) + " into records", e);
        }
    }

    private static String describe(StreamItem item) {
        if (item instanceof StreamItem.Opened opened) {
            return "the opening of stream " + opened.streamId();
        }
        if (item instanceof StreamItem.Received received) {
            return received.event().type() + " #" + received.sequence() + " of stream " + received.streamId();
        }
        if (item instanceof StreamItem.SnapshotChunk chunk) {
            return "a piece of the snapshot of stream generation " + chunk.generation();
        }
        return "the " + ((StreamItem.Polled) item).call() + " response";
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (client != null) {
            client.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
