package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.source.state.ContentDigest;
import io.kafkaconnect.mesos.source.state.EntityKind;
import io.kafkaconnect.mesos.source.state.EntityRef;
import io.kafkaconnect.mesos.source.state.PublishedState;

/** How read-back records rebuild the published state, whatever converters wrote them. */
class PublishedStateLoaderTest {

    private static final EntityRef T1 = new EntityRef(EntityKind.TASK, "f1/t1");

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("mesos.tasks", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, h, java.util.Optional.empty());
    }

    @Test
    void aRecordWithADigestIsPublishedAndATombstoneRemovesIt() {
        PublishedState state = new PublishedState();
        String digest = ContentDigest.toHex(1234567L);
        PublishedStateLoader.apply(EntityKind.TASK, record("{\"payload\":\"ignored\"}", new byte[] {1},
                "mesos.key", "f1/t1", "mesos.digest", digest, "mesos.agent.id", "a1", "mesos.framework.id", "f1"),
                state);
        assertThat(state.get(T1)).satisfies(e -> {
            assertThat(e.digest()).isEqualTo(1234567L);
            assertThat(e.agentId()).isEqualTo("a1");
            assertThat(e.frameworkId()).isEqualTo("f1");
        });
        PublishedStateLoader.apply(EntityKind.TASK, record(null, null, "mesos.key", "f1/t1"), state);
        assertThat(state.contains(T1)).isFalse();
    }

    @Test
    void jsonQuotedHeadersAndPlainStringKeysAreUnderstood() {
        PublishedState state = new PublishedState();
        PublishedStateLoader.apply(EntityKind.TASK, record("f1/t1", new byte[] {1},
                "mesos.digest", "\"" + ContentDigest.toHex(42L) + "\""), state);
        assertThat(state.get(T1).digest()).isEqualTo(42L);
    }

    @Test
    void recordsWithoutOrWithABrokenDigestChangeNothing() {
        PublishedState state = new PublishedState();
        PublishedStateLoader.apply(EntityKind.TASK, record("f1/t1", new byte[] {1}, "mesos.key", "f1/t1"), state);
        PublishedStateLoader.apply(EntityKind.TASK, record("f1/t1", new byte[] {1}, "mesos.digest", "zz"), state);
        assertThat(state.contains(T1)).isFalse();
    }
}
