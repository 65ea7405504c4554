package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.MesosJson.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaconnect.mesos.source.schema.Op;
import java.time.Instant;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class TaskUpdatesTest {

    private static final JsonNode UPDATE = parse(MesosJson.EVENT_TASK_UPDATED).get("task_updated");

    @Test
    void updateSetsTheEventStateAndAppendsTheStatus() {
        JsonNode before = parse(MesosJson.TASK);
        JsonNode killed = parse("""
                {"framework_id":{"value":"fw-marathon-0001"},"state":"TASK_KILLED",
                 "status":{"task_id":{"value":"web.7f3c"},"state":"TASK_KILLED","agent_id":{"value":"agent-S1"},
                           "source":"SOURCE_EXECUTOR","timestamp":1470820190.0}}""");

        ObjectNode after = TaskUpdates.apply(before, killed);

        assertThat(after.get("state").asText()).isEqualTo("TASK_KILLED");
        assertThat(after.get("statuses")).hasSize(3);
        assertThat(after.get("statuses").get(2).get("state").asText()).isEqualTo("TASK_KILLED");
        assertThat(after.get("name").asText()).as("the rest of the task is kept").isEqualTo("web-1");
        assertThat(before.get("state").asText()).as("input untouched").isEqualTo("TASK_RUNNING");
        assertThat(before.get("statuses")).hasSize(2);

        Struct row = new EntityMapper().task(after, Op.UPDATE, null, Instant.EPOCH);
        assertThat(row.getString("state")).isEqualTo("TASK_KILLED");
        assertThat(row.getStruct("status").getString("state")).isEqualTo("TASK_KILLED");
    }

    @Test
    void repeatedStateReplacesTheLastStatusAndEventStateWins() {
        // the update is a health-check TASK_RUNNING status while the task is already TASK_KILLING
        ObjectNode after = TaskUpdates.apply(parse(MesosJson.TASK), UPDATE);

        assertThat(after.get("state").asText()).isEqualTo("TASK_KILLING");
        assertThat(after.get("statuses")).hasSize(2);
        assertThat(after.get("statuses").get(1).get("healthy").asBoolean()).isFalse();
    }

    @Test
    void unknownTaskIsBuiltFromTheStatus() {
        ObjectNode task = TaskUpdates.apply(null, UPDATE);

        EntityMapper mapper = new EntityMapper();
        assertThat(mapper.taskKey(task)).isEqualTo("fw-marathon-0001/web.7f3c");
        Struct row = mapper.task(task, Op.UPDATE, null, Instant.EPOCH);
        assertThat(row.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(row.getString("executor_id")).isEqualTo("exec-web.7f3c");
        assertThat(row.getString("state")).isEqualTo("TASK_KILLING");
        ConnectRoundTrip.assertValidAndLossless(row);
    }

    @Test
    void oddUpdatesDoNotThrow() {
        assertThat(TaskUpdates.apply(null, null)).isEmpty();
        assertThat(TaskUpdates.apply(parse("[1]"), parse("{\"status\":\"x\",\"state\":7}")).get("state").asInt())
                .isEqualTo(7);
        ObjectNode odd = TaskUpdates.apply(parse("{\"statuses\":\"x\"}"), UPDATE);
        assertThat(odd.get("statuses")).hasSize(1);
    }
}
