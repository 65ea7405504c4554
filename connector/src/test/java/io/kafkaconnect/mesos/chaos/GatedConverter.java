package io.kafkaconnect.mesos.chaos;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/**
 * A {@link JsonConverter} a test can stall: while the gate is closed, converting a record blocks the worker's task
 * thread, as a broker or a schema registry that stops answering would. The gate is static because the worker runs in
 * the test's JVM and instantiates the converter itself.
 */
public class GatedConverter implements Converter {

    private static final Object GATE = new Object();
    private static boolean closed;

    private final JsonConverter delegate = new JsonConverter();

    /** Converting blocks from now on. */
    static void shut() {
        synchronized (GATE) {
            closed = true;
        }
    }

    /** Blocked conversions resume. */
    static void reopen() {
        synchronized (GATE) {
            closed = false;
            GATE.notifyAll();
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        synchronized (GATE) {
            while (closed) {
                try {
                    GATE.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return delegate.fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return delegate.toConnectData(topic, value);
    }
}
