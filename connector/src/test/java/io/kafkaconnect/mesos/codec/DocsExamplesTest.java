package io.kafkaconnect.mesos.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JSON example of the Mesos operator API docs goes through the decoder. Valid examples must decode cleanly into
 * typed messages and round-trip; the known errata (facts §9, §11, and a few found here) must come back with a reason.
 */
class DocsExamplesTest {

    /** Examples that must fail, with a fragment of the reason. */
    private static final Map<String, String> MUST_FAIL = Map.ofEntries(
            // facts §9: the docs' frameworks lack the required 'recovered'
            Map.entry("master GET_STATE response",
                    "missing required fields: get_state.get_frameworks.frameworks[0].recovered"),
            Map.entry("master GET_FRAMEWORKS response",
                    "missing required fields: get_frameworks.frameworks[0].recovered"),
            // facts §9/§11: wrong shapes and trailing commas
            Map.entry("master TASK_ADDED event",
                    "missing required fields: task_added.task.framework_id, task_added.task.state"),
            Map.entry("master TASK_UPDATED event", "missing required fields: task_updated.status"),
            Map.entry("master AGENT_ADDED event", "malformed JSON: "),
            Map.entry("master HEARTBEAT event", "malformed JSON: "),
            // the docs open this example with "{{"
            Map.entry("master GET_AGENTS response", "malformed JSON: "),
            // the docs elide the state as {...}
            Map.entry("master SUBSCRIBE event", "malformed JSON: "),
            // UUID.value is bytes (base64 on the wire); the docs show text UUIDs
            Map.entry("master GET_OPERATIONS response", "missing required fields: get_operations.operations[0]"),
            Map.entry("agent GET_OPERATIONS response", "missing required fields: get_operations.operations[0]"));

    /** Examples that decode but with a reported problem (the erratum is visible, the rest of the message is kept). */
    private static final List<String> INVALID_OPERATION_UUIDS = List.of(
            "invalid base64 for field 'get_operations.operations[0].latest_status.uuid.value', skipped",
            "invalid base64 for field 'get_operations.operations[0].statuses[0].uuid.value', skipped",
            "invalid base64 for field 'get_operations.operations[0].uuid.value', skipped");

    private static final Map<String, List<String>> MUST_REPORT = Map.of(
            // facts §11: configs is nested inside infos[] in the docs; it is a sibling of infos in QuotaStatus
            "master GET_QUOTA response", List.of("unknown field 'get_quota.status.infos[0].configs'"),
            "master TASK_ADDED event", List.of("unknown field 'task_added.task.command'"),
            "master TASK_UPDATED event", List.of("unknown field 'task_updated.task_id'",
                    "unknown field 'task_updated.agent_id'", "unknown field 'task_updated.executor_id'"),
            "master GET_OPERATIONS response", INVALID_OPERATION_UUIDS,
            "agent GET_OPERATIONS response", INVALID_OPERATION_UUIDS);

    private static List<DocsExamples.Example> examples;

    @BeforeAll
    static void load() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DocsExamples.FILE),
                "the Mesos docs reference copy is not beside this clone: " + DocsExamples.FILE.toAbsolutePath());
        examples = DocsExamples.load();
    }

    @Test
    void extractsEveryExampleOfTheDocs() {
        assertThat(examples).hasSize(102);
        Set<String> names = new HashSet<>();
        examples.forEach(e -> assertThat(names.add(e.name())).as("unique name %s", e.name()).isTrue());
        assertThat(names).containsAll(MUST_FAIL.keySet()).containsAll(MUST_REPORT.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyExampleDecodesAsDocumentedOrFailsWithAReason() {
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
    }

    private static void check(DocsExamples.Example example) {
        byte[] json = example.json().getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> MesosJson.fromJson(json, example.defaultInstance())).doesNotThrowAnyException();
        Decoded<Message> decoded = MesosJson.fromJson(json, example.defaultInstance());
        String failure = MUST_FAIL.get(example.name());
        List<String> problems = MUST_REPORT.getOrDefault(example.name(), List.of());
        if (failure != null) {
            assertThat(decoded.ok()).as("%s must fail", example.name()).isFalse();
            assertThat(decoded.value()).isNull();
            assertThat(decoded.failure()).contains(failure);
            assertThat(decoded.problems()).containsExactlyElementsOf(problems);
            return;
        }
        assertThat(decoded.failure()).as(example.name()).isNull();
        assertThat(decoded.problems()).as(example.name()).containsExactlyElementsOf(problems);
        Message value = decoded.value();
        // typed: the call/response/event type named by the docs heading is set
        String docsType = example.name().split(" ")[1];
        var typeField = value.getDescriptorForType().findFieldByName("type");
        assertThat(value.hasField(typeField)).as("%s has its type", example.name()).isTrue();
        if (!example.name().contains("ATTACH_CONTAINER_OUTPUT response")
                && !example.name().contains("LAUNCH_NESTED_CONTAINER_SESSION response")
                && !example.name().startsWith("master SUBSCRIBE")) {
            assertThat(value.getField(typeField).toString()).isEqualTo(docsType);
        }
        // lossless through both encodings
        assertThat(MesosJson.fromJson(MesosJson.toJsonBytes(value), example.defaultInstance()).value())
                .isEqualTo(value);
        assertThat(MesosProto.fromBytes(value.toByteArray(), example.defaultInstance()).value()).isEqualTo(value);
    }

    @Test
    void documentedMetricsAndStateContentComesThroughTyped() {
        Response metrics = (Response) decode("master GET_METRICS response");
        assertThat(metrics.getGetMetrics().getMetricsCount()).isEqualTo(109);
        assertThat(metrics.getGetMetrics().getMetricsList())
                .anySatisfy(m -> assertThat(m.getName()).isEqualTo("master/uptime_secs"));
        Response tasks = (Response) decode("master GET_TASKS response");
        assertThat(tasks.getGetTasks().getCompletedTasksCount() + tasks.getGetTasks().getTasksCount()).isPositive();
    }

    private static Message decode(String name) {
        DocsExamples.Example example = examples.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        Decoded<Message> decoded = MesosJson.fromJson(example.json().getBytes(StandardCharsets.UTF_8),
                example.defaultInstance());
        assertThat(decoded.clean()).isTrue();
        return decoded.value();
    }
}
