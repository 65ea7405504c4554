package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.ConnectRoundTrip.assertValidAndLossless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Odd input never breaks a mapper: realistic Mesos JSON with random parts replaced by values of the wrong type, and
 * random trees built from Mesos field names, always map to rows that validate and survive the JSON converter.
 */
class MapperRobustnessTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] KEYS = {"value", "name", "type", "scalar", "ranges", "range", "begin", "end", "set",
        "item", "role", "reservation", "reservations", "labels", "key", "nanoseconds", "agent_info", "id",
        "framework_info", "executor_info", "task_id", "agent_id", "framework_id", "executor_id", "status", "statuses",
        "state", "resources", "total_resources", "allocated_resources", "attributes", "text", "disk", "persistence",
        "volume", "source", "mount", "path", "root", "container", "docker", "image", "mesos", "capabilities",
        "drain_info", "config", "max_grace_period", "guarantees", "limits", "windows", "machine_ids", "hostname",
        "ip", "unavailability", "start", "duration", "draining_machines", "down_machines", "master_info", "address",
        "flags", "metrics", "version_info", "info", "latest_status", "uuid", "task", "agent", "framework",
        "task_updated", "task_added", "registered_time", "timestamp", "network_infos", "ip_addresses"};
    private static final SourceInfo SRC = new SourceInfo("m", "http://m:5050", "s", 1, false, false, null);
    private static final Instant T = Instant.EPOCH;

    private final EntityMapper entities = new EntityMapper();
    private final EventMapper events = new EventMapper();

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(MesosJson.TASK, MesosJson.AGENT, MesosJson.RECOVERED_AGENT, MesosJson.FRAMEWORK,
                MesosJson.EXECUTOR, MesosJson.ROLE, MesosJson.GET_QUOTA, MesosJson.MAINTENANCE_SCHEDULE,
                MesosJson.MAINTENANCE_STATUS, MesosJson.GET_MASTER, MesosJson.GET_VERSION, MesosJson.GET_FLAGS,
                MesosJson.OPERATION, MesosJson.GET_METRICS, MesosJson.EVENT_TASK_UPDATED, MesosJson.EVENT_AGENT_ADDED,
                MesosJson.EVENT_FRAMEWORK_ADDED, MesosJson.EVENT_TASK_ADDED);
    }

    @Property(tries = 300)
    void mutatedMesosJsonMapsToValidRows(@ForAll("fixtures") String fixture, @ForAll long seed) {
        Random random = new Random(seed);
        JsonNode tree = MesosJson.parse(fixture);
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            mutate(tree, random);
        }
        mapEverything(tree);
    }

    @Property(tries = 300)
    void randomTreesMapToValidRows(@ForAll long seed) {
        Random random = new Random(seed);
        mapEverything(randomObject(random, 4));
    }

    private void mapEverything(JsonNode tree) {
        List<JsonNode> inputs = new ArrayList<>();
        inputs.add(tree);
        tree.forEach(inputs::add); // also every direct child, so wrapped bodies are reached
        for (JsonNode input : inputs) {
            check(entities.task(input, Op.READ, SRC, T));
            check(entities.task(TaskUpdates.apply(input, input), Op.UPDATE, SRC, T));
            check(entities.agent(input, Op.READ, SRC, T));
            check(entities.recoveredAgent(input, Op.READ, SRC, T));
            check(entities.framework(input, false, Op.READ, SRC, T));
            check(entities.executor(input, Op.READ, SRC, T));
            check(entities.role(input, Op.READ, SRC, T));
            check(entities.quota(input, Op.READ, SRC, T));
            check(entities.operation(input, Op.READ, SRC, T));
            check(entities.master(input, input, null, input, Op.READ, SRC, T));
            entities.maintenance(input, input, Op.READ, SRC, T).forEach(row -> check(row.value()));
            entities.metrics(input, SRC, T).forEach(this::check);
            entities.taskKey(input);
            entities.agentKey(input);
            entities.frameworkKey(input);
            entities.executorKey(input);
            entities.roleKey(input);
            entities.quotaKey(input);
            entities.masterKey(input);
            entities.operationKey(input);
            byte[] raw = input.toString().getBytes(StandardCharsets.UTF_8);
            check(events.event(null, input, raw, true, SRC, T));
            for (String type : List.of("TASK_ADDED", "TASK_UPDATED", "AGENT_ADDED", "AGENT_REMOVED",
                    "FRAMEWORK_ADDED", "FRAMEWORK_REMOVED", "SUBSCRIBED")) {
                check(events.event(type, input, raw, false, SRC, T));
            }
        }
    }

    private void check(org.apache.kafka.connect.data.Struct row) {
        assertValidAndLossless(row);
    }

    /** Replaces one random value somewhere in the tree with a random value of any type. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target.isObject() && target.size() > 0) {
            ObjectNode object = (ObjectNode) target;
            List<String> names = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            fields.forEachRemaining(e -> names.add(e.getKey()));
            object.set(names.get(random.nextInt(names.size())), randomValue(random, 2));
        } else if (target.isArray() && target.size() > 0) {
            ((ArrayNode) target).set(random.nextInt(target.size()), randomValue(random, 2));
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            object.set(KEYS[random.nextInt(KEYS.length)], randomValue(random, depth - 1));
        }
        return object;
    }

    private static JsonNode randomValue(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 14 : 11);
        return switch (choice) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(new BigInteger("123456789012345678901234567890"));
            case 5 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 6 -> NODES.textNode("Infinity");
            case 7 -> NODES.textNode(Long.toString(random.nextLong()));
            case 8 -> NODES.textNode("TASK_" + random.nextInt(100));
            case 9 -> NODES.arrayNode();
            case 10 -> NODES.objectNode();
            case 11, 12 -> randomObject(random, depth);
            default -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(randomValue(random, depth - 1));
                }
                yield array;
            }
        };
    }
}
