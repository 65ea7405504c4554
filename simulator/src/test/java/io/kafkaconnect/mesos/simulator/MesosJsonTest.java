package io.kafkaconnect.mesos.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.kafkaconnect.mesos.simulator.json.JsonConversionException;
import io.kafkaconnect.mesos.simulator.json.MesosJsonReader;
import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

/** The Mesos (stout) JSON rules of facts §6, both directions. */
class MesosJsonTest {

  private static Call parse(String json) throws JsonConversionException {
    return MesosJsonReader.parse(json.getBytes(StandardCharsets.UTF_8), Call.newBuilder()).build();
  }

  @Test
  void int64IsAnExactNumber() {
    String json = MesosJsonWriter.toJson(TimeInfo.newBuilder().setNanoseconds(1470820172046531841L).build());
    assertThat(json).isEqualTo("{\"nanoseconds\":1470820172046531841}");
    String range = MesosJsonWriter.toJson(Value.Range.newBuilder().setBegin(-1L).setEnd(31000).build());
    assertThat(range).isEqualTo("{\"begin\":18446744073709551615,\"end\":31000}");
  }

  @Test
  void explicitDefaultsAreWritten() {
    String framework = MesosJsonWriter.toJson(FrameworkInfo.newBuilder().setUser("u").setName("n").build());
    assertThat(framework).isEqualTo("{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":0.0,\"checkpoint\":false}");
    assertThat(MesosJsonWriter.toJson(AgentInfo.newBuilder().setHostname("h").build()))
        .isEqualTo("{\"hostname\":\"h\",\"port\":5051}");
  }

  @Test
  void doublesAreRapidjsonStyleAndBytesBase64() {
    assertThat(MesosJsonWriter.formatDouble(2)).isEqualTo("2.0");
    assertThat(MesosJsonWriter.formatDouble(1470820172.07315)).isEqualTo("1470820172.07315");
    assertThat(MesosJsonWriter.formatDouble(0.001)).isEqualTo("0.001");
    assertThat(MesosJsonWriter.formatDouble(1e-7)).isEqualTo("1e-7");
    assertThat(MesosJsonWriter.formatDouble(1e22)).isEqualTo("1e22");
    assertThat(MesosJsonWriter.formatDouble(-2.5)).isEqualTo("-2.5");
    TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
        .setState(TaskState.TASK_RUNNING).setUuid(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
    assertThat(MesosJsonWriter.toJson(status)).isEqualTo(
        "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\",\"uuid\":\"AQID\"}");
  }

  @Test
  void stringsAreEscaped() {
    assertThat(MesosJsonWriter.toJson(TaskID.newBuilder().setValue("a\"b\\c\nd\u0001é").build()))
        .isEqualTo("{\"value\":\"a\\\"b\\\\c\\nd\\u0001é\"}");
  }

  @Test
  void readerFollowsStoutRules() throws Exception {
    Call camel = parse("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"f\"}},"
        + "\"markAgentGone\":{\"agentId\":{\"value\":\"x\"}}}");
    assertThat(camel.hasMarkAgentGone()).isFalse();
    Call numeric = parse("{\"type\":\"SET_LOGGING_LEVEL\",\"set_logging_level\":{\"level\":\"3\","
        + "\"duration\":{\"nanoseconds\":\"5000000000\"}}}");
    assertThat(numeric.getSetLoggingLevel().getDuration().getNanoseconds()).isEqualTo(5_000_000_000L);
    Call lone = parse("{\"type\":\"START_MAINTENANCE\",\"start_maintenance\":{\"machines\":{\"hostname\":\"h\"}}}");
    assertThat(lone.getStartMaintenance().getMachinesCount()).isEqualTo(1);
    Call nulls = parse("{\"type\":\"GET_HEALTH\",\"get_metrics\":null}");
    assertThat(nulls.hasGetMetrics()).isFalse();
    Call grace = parse("{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"a\"},"
        + "\"max_grace_period\":{\"seconds\":600}}}");
    assertThat(grace.getDrainAgent().getMaxGracePeriod().getSeconds()).isEqualTo(600);
    Call unknownOptionalEnum = parse("{\"type\":\"NOPE\"}");
    assertThat(unknownOptionalEnum.hasType()).isFalse();
    Call infinity = parse("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
        + "[{\"weight\":\"Infinity\"}]}}");
    assertThat(infinity.getUpdateWeights().getWeightInfos(0).getWeight()).isInfinite();
  }

  @Test
  void readerErrors() {
    assertThatThrownBy(() -> parse("{\"type\":9}")).hasMessage("Not expecting a JSON number for field 'type'");
    assertThatThrownBy(() -> parse("{\"type\":[\"GET_HEALTH\"]}"))
        .hasMessage("Not expecting a JSON array for field 'type'");
    assertThatThrownBy(() -> parse("{\"type\":\"TEARDOWN\",\"teardown\":{}}"))
        .hasMessage("Missing required fields: teardown.framework_id");
    assertThatThrownBy(() -> parse("{} trailing")).isInstanceOf(JsonConversionException.class)
        .matches(e -> ((JsonConversionException) e).isSyntaxError());
    // an unknown name in a required enum leaves it unset, so it is reported missing
    assertThatThrownBy(() -> MesosJsonReader.parse(
        "{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_WHATEVER\"}".getBytes(StandardCharsets.UTF_8),
        TaskStatus.newBuilder())).hasMessage("Missing required fields: state");
  }

  @Test
  void writerOutputParsesBackToTheSameMessage() throws Exception {
    Call call = Call.newBuilder().setType(Call.Type.UPDATE_QUOTA).setUpdateQuota(Call.UpdateQuota.newBuilder()
        .setForce(true).addQuotaConfigs(org.apache.mesos.v1.quota.Protos.QuotaConfig.newBuilder().setRole("dev")
            .putGuarantees("cpus", Value.Scalar.newBuilder().setValue(2).build())
            .putLimits("mem", Value.Scalar.newBuilder().setValue(4096).build()))).build();
    String json = MesosJsonWriter.toJson(call);
    assertThat(json).contains("\"guarantees\":{\"cpus\":{\"value\":2.0}}");
    assertThat(parse(json)).isEqualTo(call);
  }
}
