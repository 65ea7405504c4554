package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kafkaconnect.mesos.source.poll.PollGroup;
import io.kafkaconnect.mesos.source.poll.PolledCall;
import io.kafkaconnect.mesos.source.state.PublishedState;

/** Polled responses in, records out: change detection, merged calls, deletions, metrics rows. */
class PollProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEADER = "http://m1:5050";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PollProcessor processor(boolean changesOnly, Set<PollGroup> fresh) {
        return new PollProcessor(new RecordFactory("mesos"), new PublishedState(), changesOnly, fresh);
    }

    private static JsonNode quota(double cpus) {
        return json("{\"type\":\"GET_QUOTA\",\"get_quota\":{\"status\":{\"configs\":[{\"role\":\"web\","
                + "\"guarantees\":{\"cpus\":{\"value\":" + cpus + "}}}]}}}");
    }

    private static String op(SourceRecord record) {
        return ((Struct) record.value()).getString("op");
    }

    @Test
    void onlyChangesAreEmittedAndAFreshStartReadsEverything() {
        PollProcessor processor = processor(true, EnumSet.of(PollGroup.QUOTA));
        List<SourceRecord> first = processor.handle(PolledCall.GET_QUOTA, quota(2), LEADER, "m", 1);
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("mesos.quota");
            assertThat(r.key()).isEqualTo("web");
            assertThat(op(r)).isEqualTo("READ");
            assertThat(new java.util.HashMap<String, Object>(r.sourcePartition())).containsEntry("group", "quota");
            assertThat(((Struct) r.value()).getStruct("source").getString("call")).isEqualTo("GET_QUOTA");
        });
        assertThat(processor.handle(PolledCall.GET_QUOTA, quota(2), LEADER, "m", 2)).isEmpty();
        assertThat(processor.handle(PolledCall.GET_QUOTA, quota(3), LEADER, "m", 3)).extracting(PollProcessorTest::op)
                .containsExactly("UPDATE");
    }

    @Test
    void withChangesOnlyOffEveryPollReEmitsEveryRow() {
        PollProcessor processor = processor(false, EnumSet.noneOf(PollGroup.class));
        assertThat(processor.handle(PolledCall.GET_QUOTA, quota(2), LEADER, "m", 1)).extracting(PollProcessorTest::op)
                .containsExactly("CREATE");
        assertThat(processor.handle(PolledCall.GET_QUOTA, quota(2), LEADER, "m", 2)).extracting(PollProcessorTest::op)
                .containsExactly("READ");
    }

    @Test
    void weightsMergeIntoRolesAndVanishedRolesAreDeleted() {
        PollProcessor processor = processor(true, EnumSet.noneOf(PollGroup.class));
        processor.handle(PolledCall.GET_ROLES, json("{\"get_roles\":{\"roles\":[{\"name\":\"web\",\"weight\":1.0},"
                + "{\"name\":\"etl\",\"weight\":1.0}]}}"), LEADER, "m", 1);
        List<SourceRecord> weighted = processor.handle(PolledCall.GET_WEIGHTS, json("{\"get_weights\":"
                + "{\"weight_infos\":[{\"role\":\"web\",\"weight\":2.5}]}}"), LEADER, "m", 2);
        assertThat(weighted).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("web");
            assertThat(((Struct) r.value()).getFloat64("weight")).isEqualTo(2.5);
        });
        List<SourceRecord> gone = processor.handle(PolledCall.GET_ROLES, json("{\"get_roles\":{\"roles\":"
                + "[{\"name\":\"web\",\"weight\":1.0}]}}"), LEADER, "m", 3);
        assertThat(gone).hasSize(2);
        assertThat(gone.get(0).key()).isEqualTo("etl");
        assertThat(op(gone.get(0))).isEqualTo("DELETE");
        assertThat(gone.get(1).value()).isNull();
    }

    @Test
    void theMasterRowWaitsForGetMasterAndMergesTheOtherCalls() {
        PollProcessor processor = processor(true, EnumSet.noneOf(PollGroup.class));
        assertThat(processor.handle(PolledCall.GET_HEALTH, json("{\"get_health\":{\"healthy\":true}}"), LEADER, null,
                1)).isEmpty();
        List<SourceRecord> master = processor.handle(PolledCall.GET_MASTER, json("{\"get_master\":{\"master_info\":"
                + "{\"id\":\"m-1\",\"ip\":16842879,\"port\":5050,\"hostname\":\"m1\"},\"start_time\":1.7E9}}"),
                LEADER, "m-1", 2);
        assertThat(master).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("m-1"));
        assertThat(processor.handle(PolledCall.GET_VERSION, json("{\"get_version\":{\"version_info\":"
                + "{\"version\":\"1.11.0\"}}}"), LEADER, "m-1", 3)).hasSize(1);
    }

    @Test
    void metricsAreOneRowPerMetricEveryPoll() {
        PollProcessor processor = processor(true, EnumSet.noneOf(PollGroup.class));
        JsonNode metrics = json("{\"get_metrics\":{\"metrics\":[{\"name\":\"master/elected\",\"value\":1.0},"
                + "{\"name\":\"master/uptime_secs\",\"value\":12.5}]}}");
        assertThat(processor.handle(PolledCall.GET_METRICS, metrics, LEADER, "m", 1)).extracting(SourceRecord::key)
                .containsExactly("master/elected", "master/uptime_secs");
        assertThat(processor.handle(PolledCall.GET_METRICS, metrics, LEADER, "m", 2)).hasSize(2);
    }
}
