package io.kafkaconnect.mesos.source.state;

import static io.kafkaconnect.mesos.source.state.MesosJsonFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ContentDigestTest {

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void fieldOrderAndNumberSpellingDoNotMatter() throws Exception {
        JsonNode a = read("{\"name\":\"x\",\"weight\":2,\"n\":{\"nanoseconds\":1470820172046531840}}");
        JsonNode b = read("{\"n\":{\"nanoseconds\":1470820172046531840},\"weight\":2.0,\"name\":\"x\"}");
        assertThat(ContentDigest.of(EntityKind.ROLE, a)).isEqualTo(ContentDigest.of(EntityKind.ROLE, b));
    }

    @Test
    void bigIntegersBeyondDoublePrecisionAreDistinguished() throws Exception {
        JsonNode a = read("{\"t\":1470820172046531840}");
        JsonNode b = read("{\"t\":1470820172046531841}");
        assertThat(ContentDigest.of(EntityKind.ROLE, a)).isNotEqualTo(ContentDigest.of(EntityKind.ROLE, b));
    }

    @Test
    void aStringIsNotTheNumberItSpells() throws Exception {
        assertThat(ContentDigest.of(EntityKind.ROLE, read("{\"w\":\"2\"}")))
                .isNotEqualTo(ContentDigest.of(EntityKind.ROLE, read("{\"w\":2}")));
    }

    @Test
    void nullFieldsCountAsAbsent() throws Exception {
        assertThat(ContentDigest.of(EntityKind.ROLE, read("{\"a\":1,\"b\":null}")))
                .isEqualTo(ContentDigest.of(EntityKind.ROLE, read("{\"a\":1}")));
    }

    @Test
    void volatileAgentFieldsAreIgnored() {
        ObjectNode agent = MesosJsonFixtures.agent("a1", "h1");
        ObjectNode busier = agent.deepCopy();
        busier.putArray("offered_resources").addObject().put("name", "cpus");
        busier.putArray("allocated_resources").addObject().put("name", "mem");
        assertThat(ContentDigest.of(EntityKind.AGENT, busier)).isEqualTo(ContentDigest.of(EntityKind.AGENT, agent));
        ObjectNode deactivated = agent.deepCopy().put("deactivated", true);
        assertThat(ContentDigest.of(EntityKind.AGENT, deactivated))
                .isNotEqualTo(ContentDigest.of(EntityKind.AGENT, agent));
    }

    @Test
    void taskStatusHistoryCountsOnlyThroughTheLatestStatus() {
        ObjectNode task = MesosJsonFixtures.task("f", "t", "a", "TASK_RUNNING");
        ObjectNode moreHistory = task.deepCopy();
        ObjectNode older = JSON.createObjectNode().put("state", "TASK_STAGING");
        ((com.fasterxml.jackson.databind.node.ArrayNode) moreHistory.get("statuses")).insert(0, older);
        assertThat(ContentDigest.of(EntityKind.TASK, moreHistory)).isEqualTo(ContentDigest.of(EntityKind.TASK, task));

        ObjectNode unhealthy = task.deepCopy();
        ((ObjectNode) unhealthy.get("statuses").get(0)).put("healthy", false);
        assertThat(ContentDigest.of(EntityKind.TASK, unhealthy)).isNotEqualTo(ContentDigest.of(EntityKind.TASK, task));
    }

    @Test
    void decimalsDigestAlikeReadAsDoublesOrAsExactDecimals() throws Exception {
        ObjectMapper exact = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();
        String json = "{\"cpus\":0.1,\"mem\":512.0,\"t\":1.7E9,\"r\":[{\"v\":2.50,\"w\":1e-7}]}";
        assertThat(ContentDigest.of(EntityKind.ROLE, exact.readTree(json)))
                .isEqualTo(ContentDigest.of(EntityKind.ROLE, read(json)));
    }

    @Test
    void valuesCountWithTheirFieldNamesAndArraysInOrder() throws Exception {
        assertThat(ContentDigest.of(EntityKind.ROLE, read("{\"a\":1,\"b\":2}")))
                .isNotEqualTo(ContentDigest.of(EntityKind.ROLE, read("{\"a\":2,\"b\":1}")));
        assertThat(ContentDigest.of(EntityKind.ROLE, read("{\"a\":[1,2]}")))
                .isNotEqualTo(ContentDigest.of(EntityKind.ROLE, read("{\"a\":[2,1]}")));
        assertThat(ContentDigest.of(EntityKind.ROLE, read("{\"a\":{\"b\":{}}}")))
                .isNotEqualTo(ContentDigest.of(EntityKind.ROLE, read("{\"a\":{},\"b\":{}}")));
    }

    @Test
    void aTaskDigestFromItsUnchangedPartEqualsTheFullDigest() {
        ObjectNode before = MesosJsonFixtures.task("f", "t", "a", "TASK_STARTING");
        before.putArray("resources").addObject().put("name", "cpus").putObject("scalar").put("value", 0.5);
        ContentDigest.TaskBase base = ContentDigest.TaskBase.of(before);
        ObjectNode after = before.deepCopy().put("state", "TASK_RUNNING");
        ((com.fasterxml.jackson.databind.node.ArrayNode) after.get("statuses")).addObject().put("state", "TASK_RUNNING");

        assertThat(ContentDigest.ofTask(base, after)).isEqualTo(ContentDigest.of(EntityKind.TASK, after))
                .isNotEqualTo(ContentDigest.of(EntityKind.TASK, before));
        assertThat(ContentDigest.ofTask(base, before)).isEqualTo(ContentDigest.of(EntityKind.TASK, before));
    }

    @Test
    void hexRoundTrip() {
        long d = ContentDigest.of(EntityKind.ROLE, JSON.createObjectNode().put("x", 1));
        assertThat(ContentDigest.fromHex(ContentDigest.toHex(d))).isEqualTo(d);
        assertThatThrownBy(() -> ContentDigest.fromHex("xyz")).isInstanceOf(NumberFormatException.class);
    }

    @Property
    void neverCollidesWithTheDeletedMarker(@ForAll String name, @ForAll long n) {
        JsonNode node = JSON.createObjectNode().put("name", name).put("n", n);
        assertThat(ContentDigest.of(EntityKind.ROLE, node)).isNotEqualTo(ContentDigest.DELETED);
    }

    @Property
    void differentStringValuesGiveDifferentDigests(@ForAll String a, @ForAll String b) {
        JsonNode x = JSON.createObjectNode().put("v", a);
        JsonNode y = JSON.createObjectNode().put("v", b);
        assertThat(ContentDigest.of(EntityKind.ROLE, x) == ContentDigest.of(EntityKind.ROLE, y)).isEqualTo(a.equals(b));
    }
}
