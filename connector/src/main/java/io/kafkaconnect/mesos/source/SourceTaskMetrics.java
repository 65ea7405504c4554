package io.kafkaconnect.mesos.source;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kafkaconnect.mesos.source.stream.DisconnectReason;
import io.kafkaconnect.mesos.source.stream.StreamEvent;
import io.kafkaconnect.mesos.source.stream.StreamListener;

/**
 * The task's JMX metrics, as one MBean {@code kafka.connect.mesos:type=source-task-metrics,connector=<name>,task=<n>}.
 * Attributes: {@code connected}, {@code leader}, {@code seconds-since-last-byte}, {@code seconds-since-last-heartbeat},
 * {@code reconnects-total} and {@code reconnects-<reason>}, {@code events-total} and {@code events-<TYPE>},
 * {@code snapshot-bytes}, {@code snapshot-process-ms}, {@code queue-depth}, {@code poll-latency-ms-<CALL>},
 * {@code poll-errors-total}, {@code records-emitted-total}. Attributes for event types and calls appear as they are
 * first seen.
 */
public final class SourceTaskMetrics implements StreamListener, DynamicMBean, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceTaskMetrics.class);

    private final ObjectName name;
    private volatile boolean connected;
    private final AtomicReference<String> leader = new AtomicReference<>("");
    private final AtomicLong lastByteMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong lastHeartbeatMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong lastBytesSeen = new AtomicLong(-1);
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private volatile LongSupplier queueDepth = () -> 0;
    private volatile LongSupplier streamBytes = () -> -1;

    public SourceTaskMetrics(String connector, int task) {
        ObjectName objectName;
        try {
            objectName = new ObjectName("kafka.connect.mesos:type=source-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + task);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(this, objectName);
        } catch (JMException e) {
            log.warn("Could not register the task's JMX metrics: {}", e.toString());
            objectName = null;
        }
        this.name = objectName;
        counter("reconnects-total");
        counter("events-total");
        counter("records-emitted-total");
        counter("poll-errors-total");
    }

    void queueDepth(LongSupplier supplier) {
        this.queueDepth = supplier;
    }

    /** Bytes received on the current stream; sampled to tell when the last byte arrived. */
    void streamBytes(LongSupplier supplier) {
        this.streamBytes = supplier;
    }

    @Override
    public void connected(String master) {
        connected = true;
        leader.set(master);
        lastByteMillis.set(System.currentTimeMillis());
    }

    @Override
    public void disconnected(DisconnectReason reason) {
        connected = false;
        counter("reconnects-total").increment();
        counter("reconnects-" + reason.metricName()).increment();
    }

    @Override
    public void received(StreamEvent event) {
        long now = System.currentTimeMillis();
        lastByteMillis.set(now);
        counter("events-total").increment();
        counter("events-" + event.type()).increment();
        if ("HEARTBEAT".equals(event.type())) {
            lastHeartbeatMillis.set(now);
        }
    }

    void snapshot(long bytes, long processMillis) {
        gauge("snapshot-bytes").set(bytes);
        gauge("snapshot-process-ms").set(processMillis);
    }

    void pollLatency(String call, long millis) {
        gauge("poll-latency-ms-" + call).set(millis);
    }

    void pollError() {
        counter("poll-errors-total").increment();
    }

    void recordsEmitted(int n) {
        counter("records-emitted-total").add(n);
    }

    /** Current attribute values, by name (also what JMX shows). */
    public Map<String, Object> snapshot() {
        Map<String, Object> values = new TreeMap<>();
        long now = System.currentTimeMillis();
        long bytes = streamBytes.getAsLong();
        if (bytes >= 0 && lastBytesSeen.getAndSet(bytes) != bytes) {
            lastByteMillis.set(now);
        }
        values.put("connected", connected);
        values.put("leader", leader.get());
        values.put("seconds-since-last-byte", (now - lastByteMillis.get()) / 1000.0);
        values.put("seconds-since-last-heartbeat", (now - lastHeartbeatMillis.get()) / 1000.0);
        values.put("queue-depth", queueDepth.getAsLong());
        counters.forEach((k, v) -> values.put(k, v.sum()));
        gauges.forEach((k, v) -> values.put(k, v.get()));
        return values;
    }

    private LongAdder counter(String key) {
        return counters.computeIfAbsent(key, k -> new LongAdder());
    }

    private AtomicLong gauge(String key) {
        return gauges.computeIfAbsent(key, k -> new AtomicLong());
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Object value = snapshot().get(attribute);
        if (value == null) {
            throw new AttributeNotFoundException(attribute);
        }
        return value;
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("read-only metrics");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Object> values = snapshot();
        AttributeList list = new AttributeList();
        for (String attribute : attributes) {
            if (values.containsKey(attribute)) {
                list.add(new Attribute(attribute, values.get(attribute)));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        snapshot().forEach((key, value) -> attributes.add(new MBeanAttributeInfo(key, value.getClass().getName(),
                key, true, false, false)));
        return new MBeanInfo(getClass().getName(), "Mesos source task metrics",
                attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            log.debug("Could not unregister {}: {}", name, e.toString());
        }
    }
}
