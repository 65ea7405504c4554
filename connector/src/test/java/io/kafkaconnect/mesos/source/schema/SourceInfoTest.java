package io.kafkaconnect.mesos.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.junit.jupiter.api.Test;

class SourceInfoTest {

    @Test
    void structMirrorsTheRecord() {
        SourceInfo info = new SourceInfo("m-1", "https://m1:5050", "s-1", 12, true, false, null);
        Struct struct = info.toStruct();
        struct.validate();
        assertThat(struct.getString("master_id")).isEqualTo("m-1");
        assertThat(struct.getString("leader")).isEqualTo("https://m1:5050");
        assertThat(struct.getString("stream_id")).isEqualTo("s-1");
        assertThat(struct.getInt64("sequence")).isEqualTo(12L);
        assertThat(struct.getBoolean("snapshot")).isTrue();
        assertThat(struct.getBoolean("reconciled")).isFalse();
        assertThat(struct.getString("call")).isNull();
    }

    @Test
    void headersMirrorEveryKnownFieldWithItsType() {
        ConnectHeaders headers = new ConnectHeaders();
        new SourceInfo("m-1", "https://m1:5050", null, 3, false, true, "GET_QUOTA").addHeaders(headers);

        Map<String, Object> byKey = new HashMap<>();
        for (Header header : headers) {
            byKey.put(header.key(), header.value());
        }
        assertThat(byKey).containsOnlyKeys("mesos.master_id", "mesos.leader", "mesos.sequence", "mesos.snapshot",
                "mesos.reconciled", "mesos.call");
        assertThat(byKey).containsEntry("mesos.master_id", "m-1").containsEntry("mesos.sequence", 3L)
                .containsEntry("mesos.snapshot", false).containsEntry("mesos.reconciled", true)
                .containsEntry("mesos.call", "GET_QUOTA");
        // every header name is a field of the source block
        for (String key : byKey.keySet()) {
            assertThat(SourceInfo.SCHEMA.field(key.substring(SourceInfo.HEADER_PREFIX.length()))).isNotNull();
        }
    }
}
