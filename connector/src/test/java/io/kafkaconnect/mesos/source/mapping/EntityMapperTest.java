package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.ConnectRoundTrip.assertValidAndLossless;
import static io.kafkaconnect.mesos.source.mapping.MesosJson.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class EntityMapperTest {

    private static final SourceInfo SRC = new SourceInfo("master-7a1b", "http://master-1:5050", "stream-1", 42,
            true, false, null);
    private static final SourceInfo POLL = new SourceInfo("master-7a1b", "http://master-1:5050", null, 7, false,
            false, "GET_AGENTS");
    private static final Instant T = Instant.parse("2026-11-21T13:40:00.123Z");

    private final EntityMapper mapper = new EntityMapper();

    @Test
    void taskWithResourcesLabelsAndStatuses() {
        JsonNode json = parse(MesosJson.TASK);
        Struct task = mapper.task(json, Op.READ, SRC, T);

        assertThat(mapper.taskKey(json)).isEqualTo("fw-marathon-0001/web.7f3c");
        assertThat(task.schema()).isSameAs(MesosSchemas.TASK);
        assertThat(task.getString("op")).isEqualTo("READ");
        assertThat(task.get("ts")).isEqualTo(Date.from(T));
        assertThat(task.getStruct("source").getString("stream_id")).isEqualTo("stream-1");
        assertThat(task.getString("framework_id")).isEqualTo("fw-marathon-0001");
        assertThat(task.getString("task_id")).isEqualTo("web.7f3c");
        assertThat(task.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(task.getString("executor_id")).isEqualTo("exec-web.7f3c");
        assertThat(task.getString("name")).isEqualTo("web-1");
        assertThat(task.getString("state")).isEqualTo("TASK_RUNNING");
        assertThat(task.getString("status_update_state")).isEqualTo("TASK_RUNNING");
        assertThat(task.getString("user")).isEqualTo("nobody");
        assertThat(task.getString("container_type")).isEqualTo("DOCKER");
        assertThat(task.getString("container_image")).isEqualTo("nginx:1.25");

        // flat columns: 0.1 + 0.2 is rounded to Mesos's 3 decimals
        assertThat(task.getFloat64("cpus")).isEqualTo(0.3);
        assertThat(task.getFloat64("mem")).isEqualTo(128.0);
        assertThat(task.getFloat64("disk")).isEqualTo(64.0);
        assertThat(task.getFloat64("gpus")).isEqualTo(1.0);

        List<Struct> resources = task.getArray("resources");
        assertThat(resources).hasSize(6);
        Struct mem = resources.get(2);
        assertThat(mem.getString("allocation_role")).isEqualTo("web");
        assertThat(mem.getString("reservation_role")).isEqualTo("web");
        assertThat(mem.getString("role")).as("task resources carry no role").isNull();
        Struct reservation = (Struct) mem.getArray("reservations").get(0);
        assertThat(reservation.getString("type")).isEqualTo("DYNAMIC");
        assertThat(reservation.getString("principal")).isEqualTo("ops");
        assertThat(reservation.<String, String>getMap("labels")).containsExactly(entry("owner", "team-a"));

        Struct volume = resources.get(3);
        assertThat(volume.getString("persistence_id")).isEqualTo("vol-1");
        assertThat(volume.getString("persistence_principal")).isEqualTo("ops");
        assertThat(volume.getString("volume_container_path")).isEqualTo("data");
        assertThat(volume.getString("volume_mode")).isEqualTo("RW");
        assertThat(volume.getString("disk_source_type")).isEqualTo("MOUNT");
        assertThat(volume.getString("disk_source_root")).isEqualTo("/mnt/disk1");

        Struct ports = resources.get(4);
        assertThat(ports.getString("type")).isEqualTo("RANGES");
        assertThat(ports.getFloat64("scalar")).isNull();
        List<Struct> ranges = ports.getArray("ranges");
        assertThat(ranges).extracting(r -> r.getInt64("begin") + "-" + r.getInt64("end"))
                .containsExactly("31000-31001", "31005-31005");
        assertThat(resources.get(5).getBoolean("revocable")).isTrue();
        assertThat(resources.get(4).getBoolean("revocable")).isNull();

        Map<String, String> labels = task.getMap("labels");
        assertThat(labels).containsExactly(entry("app", "web"), entry("tier", "front"), entry("flag", null));
        Map<String, Double> limits = task.getMap("limits");
        assertThat(limits).as("an infinite limit (unlimited) is null").containsExactly(entry("cpus", 2.0),
                entry("mem", null));

        List<Struct> statuses = task.getArray("statuses");
        assertThat(statuses).extracting(s -> s.getString("state")).containsExactly("TASK_STARTING", "TASK_RUNNING");
        assertThat(statuses.get(0).get("timestamp")).isEqualTo(new Date(1470820172073L));
        Struct latest = task.getStruct("status");
        assertThat(latest).isEqualTo(statuses.get(1));
        assertThat(latest.getBoolean("healthy")).isTrue();
        assertThat(latest.getString("source")).isEqualTo("SOURCE_EXECUTOR");
        assertThat(latest.getString("uuid")).isEqualTo("AAECAwQFBgcICQoLDA0ODw==");
        assertThat(latest.getString("container_id")).isEqualTo("c-42");
        assertThat(latest.getArray("ip_addresses")).containsExactly("10.0.0.5");
        assertThat(latest.<String, String>getMap("labels")).containsExactly(entry("phase", "up"));

        assertValidAndLossless(task);
    }

    @Test
    void agentInEndpointFormatWithAttributesAndDrainInfo() {
        JsonNode json = parse(MesosJson.AGENT);
        Struct agent = mapper.agent(json, Op.READ, POLL, T);

        assertThat(mapper.agentKey(json)).isEqualTo("agent-S1");
        assertThat(agent.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(agent.getString("hostname")).isEqualTo("node-1.example.com");
        assertThat(agent.getInt32("port")).isEqualTo(5051);
        assertThat(agent.getBoolean("active")).isTrue();
        assertThat(agent.getBoolean("deactivated")).isTrue();
        assertThat(agent.getBoolean("recovered")).isFalse();
        assertThat(agent.getString("version")).isEqualTo("1.11.0");
        assertThat(agent.getString("pid")).isEqualTo("slave(1)@10.0.0.1:5051");
        assertThat(agent.getString("domain_region")).isEqualTo("eu-west");
        assertThat(agent.getString("domain_zone")).isEqualTo("eu-west-1a");
        assertThat(agent.<String, String>getMap("attributes")).containsExactly(entry("rack", "r12"),
                entry("ssd", "2"), entry("weight", "0.5"), entry("slots", "[1-4, 8-9]"), entry("zones", "{a, b}"));
        assertThat(agent.getArray("capabilities")).containsExactly("MULTI_ROLE", "HIERARCHICAL_ROLE",
                "AGENT_DRAINING");

        // nanoseconds beyond 2^53 stay exact
        assertThat(agent.getInt64("registered_time_ns")).isEqualTo(1470820172046531840L);
        assertThat(agent.get("registered_time")).isEqualTo(new Date(1470820172046L));
        assertThat(agent.getInt64("reregistered_time_ns")).isEqualTo(1470820272046531999L);
        assertThat(agent.getInt64("estimated_drain_start_time_ns")).isEqualTo(1470830000000000000L);
        assertThat(agent.getString("drain_state")).isEqualTo("DRAINING");
        assertThat(agent.getInt64("drain_max_grace_period_ns")).isEqualTo(600_000_000_000L);
        assertThat(agent.getBoolean("drain_mark_gone")).isFalse();

        assertThat(agent.getFloat64("total_cpus")).isEqualTo(8.0);
        assertThat(agent.getFloat64("total_mem")).isEqualTo(17408.0);
        assertThat(agent.getFloat64("total_disk")).isEqualTo(100000.0);
        assertThat(agent.getFloat64("total_gpus")).isEqualTo(0.0);
        assertThat(agent.getFloat64("allocated_cpus")).isEqualTo(0.3);
        assertThat(agent.getFloat64("allocated_mem")).isEqualTo(128.0);

        List<Struct> total = agent.getArray("total_resources");
        assertThat(total.get(0).getString("role")).isEqualTo("*");
        assertThat(total.get(0).getArray("reservations")).isNull();
        assertThat(total.get(0).getString("reservation_role")).isNull();
        Struct reserved = total.get(1);
        assertThat(reserved.getString("role")).isEqualTo("web");
        assertThat(reserved.getArray("reservations")).as("endpoint format: reservations wins over reservation")
                .hasSize(1);
        Struct reservation = (Struct) reserved.getArray("reservations").get(0);
        assertThat(reservation.getString("type")).isEqualTo("DYNAMIC");
        assertThat(reservation.<String, String>getMap("labels")).containsExactly(entry("cmd", "c-1"));
        Struct refined = total.get(4);
        assertThat(refined.getArray("reservations")).hasSize(2);
        assertThat(refined.getString("reservation_role")).isEqualTo("eng/ml");
        assertThat(agent.getArray("allocated_resources")).hasSize(2);

        assertValidAndLossless(agent);
    }

    @Test
    void legacyReservationShapesBecomeAReservationStack() {
        JsonNode resources = parse("""
                {"resources":[
                  {"name":"cpus","type":"SCALAR","scalar":{"value":1.0},"role":"web","reservation":{"principal":"ops"}},
                  {"name":"mem","type":"SCALAR","scalar":{"value":1.0},"role":"batch"},
                  {"name":"disk","type":"SCALAR","scalar":{"value":1.0},"role":"*"}]}""");
        List<Struct> mapped = ResourceMapper.resources(resources, "resources");

        Struct dynamic = (Struct) mapped.get(0).getArray("reservations").get(0);
        assertThat(dynamic.getString("type")).isEqualTo("DYNAMIC");
        assertThat(dynamic.getString("role")).isEqualTo("web");
        assertThat(dynamic.getString("principal")).isEqualTo("ops");
        Struct statik = (Struct) mapped.get(1).getArray("reservations").get(0);
        assertThat(statik.getString("type")).isEqualTo("STATIC");
        assertThat(mapped.get(1).getString("reservation_role")).isEqualTo("batch");
        assertThat(mapped.get(2).getArray("reservations")).isNull();
    }

    @Test
    void recoveredAgentIsAnAgentInfo() {
        JsonNode json = parse(MesosJson.RECOVERED_AGENT);
        Struct agent = mapper.recoveredAgent(json, Op.READ, POLL, T);

        assertThat(mapper.agentKey(json)).isEqualTo("agent-S2");
        assertThat(agent.getString("agent_id")).isEqualTo("agent-S2");
        assertThat(agent.getString("hostname")).isEqualTo("node-2.example.com");
        assertThat(agent.getBoolean("recovered")).isTrue();
        assertThat(agent.getBoolean("active")).as("unknown until it re-registers").isNull();
        assertThat(agent.getFloat64("total_cpus")).isEqualTo(4.0);
        assertThat(agent.getFloat64("total_mem")).isEqualTo(8192.0);
        assertThat(agent.getFloat64("allocated_cpus")).isNull();
        assertThat(agent.getArray("total_resources")).hasSize(2);
        assertThat(agent.<String, String>getMap("attributes")).containsExactly(entry("rack", "r7"));
        assertValidAndLossless(agent);
    }

    @Test
    void frameworkWithUnknownCapabilityKeptAsString() {
        JsonNode json = parse(MesosJson.FRAMEWORK);
        Struct framework = mapper.framework(json, false, Op.CREATE, SRC, T);

        assertThat(mapper.frameworkKey(json)).isEqualTo("fw-marathon-0001");
        assertThat(framework.getString("op")).isEqualTo("CREATE");
        assertThat(framework.getString("name")).isEqualTo("marathon");
        assertThat(framework.getString("user")).isEqualTo("root");
        assertThat(framework.getString("principal")).isEqualTo("marathon");
        assertThat(framework.getArray("roles")).containsExactly("web", "batch");
        assertThat(framework.getString("role")).isNull();
        assertThat(framework.getString("hostname")).isEqualTo("sched-1");
        assertThat(framework.getString("webui_url")).isEqualTo("http://sched-1:8080");
        assertThat(framework.getFloat64("failover_timeout_seconds")).isEqualTo(604800.0);
        assertThat(framework.getBoolean("checkpoint")).isTrue();
        assertThat(framework.getArray("capabilities")).containsExactly("MULTI_ROLE", "PARTITION_AWARE",
                "FUTURE_CAPABILITY");
        assertThat(framework.<String, String>getMap("labels")).containsExactly(entry("team", "platform"));
        assertThat(framework.getBoolean("active")).isTrue();
        assertThat(framework.getBoolean("connected")).isTrue();
        assertThat(framework.getBoolean("recovered")).isFalse();
        assertThat(framework.getBoolean("completed")).isFalse();
        assertThat(framework.getInt64("registered_time_ns")).isEqualTo(1470820172046531840L);
        assertThat(framework.getInt64("reregistered_time_ns")).isEqualTo(1470820200000000000L);
        assertThat(framework.get("unregistered_time")).isNull();
        assertThat(framework.getFloat64("allocated_cpus")).isEqualTo(1.5);
        assertThat(framework.getFloat64("allocated_mem")).isEqualTo(512.0);
        assertValidAndLossless(framework);
    }

    @Test
    void bareFrameworkInfoFromFrameworkRemoved() {
        JsonNode info = parse(MesosJson.EVENT_FRAMEWORK_REMOVED).get("framework_removed").get("framework_info");
        Struct framework = mapper.framework(info, true, Op.DELETE, SRC, T);

        assertThat(mapper.frameworkKey(info)).isEqualTo("fw-marathon-0001");
        assertThat(framework.getString("framework_id")).isEqualTo("fw-marathon-0001");
        assertThat(framework.getString("name")).isEqualTo("marathon");
        assertThat(framework.getBoolean("completed")).isTrue();
        assertThat(framework.getBoolean("active")).isNull();
        assertThat(framework.getFloat64("allocated_cpus")).isNull();
        assertValidAndLossless(framework);
    }

    @Test
    void executorKeyedByAgentFrameworkAndExecutorWithoutItsCommand() {
        JsonNode json = parse(MesosJson.EXECUTOR);
        Struct executor = mapper.executor(json, Op.READ, SRC, T);

        assertThat(mapper.executorKey(json)).isEqualTo("agent-S1/fw-aurora/thermos-1");
        assertThat(executor.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(executor.getString("framework_id")).isEqualTo("fw-aurora");
        assertThat(executor.getString("executor_id")).isEqualTo("thermos-1");
        assertThat(executor.getString("name")).isEqualTo("Thermos");
        assertThat(executor.getString("type")).isEqualTo("CUSTOM");
        assertThat(executor.getString("container_type")).isEqualTo("MESOS");
        assertThat(executor.getString("container_image")).isEqualTo("aurora/thermos:0.22");
        assertThat(executor.getInt64("shutdown_grace_period_ns")).isEqualTo(5_000_000_000L);
        assertThat(executor.getFloat64("cpus")).isEqualTo(0.25);
        assertThat(executor.getFloat64("mem")).isEqualTo(128.0);
        assertThat(executor.<String, String>getMap("labels")).containsExactly(entry("source", "aurora"));
        assertThat(executor.toString()).as("the command and its environment are not copied").doesNotContain("s3cr3t");
        assertValidAndLossless(executor);
    }

    @Test
    void keysAreNullWhenIdsAreMissing() {
        JsonNode empty = parse("{}");
        assertThat(mapper.taskKey(parse("{\"task_id\":{\"value\":\"t\"}}"))).isNull();
        assertThat(mapper.taskKey(empty)).isNull();
        assertThat(mapper.agentKey(empty)).isNull();
        assertThat(mapper.agentKey(parse("{\"agent_id\":{\"value\":\"a\"}}"))).isEqualTo("a");
        assertThat(mapper.frameworkKey(empty)).isNull();
        assertThat(mapper.executorKey(parse("{\"executor_info\":{\"executor_id\":{\"value\":\"e\"}}}"))).isNull();
        assertThat(mapper.roleKey(null)).isNull();
        assertThat(mapper.quotaKey(empty)).isNull();
        assertThat(mapper.masterKey(empty)).isNull();
        assertThat(mapper.operationKey(empty)).isNull();
    }

    @Test
    void role() {
        JsonNode json = parse(MesosJson.ROLE);
        Struct role = mapper.role(json, Op.READ, POLL, T);

        assertThat(mapper.roleKey(json)).isEqualTo("web");
        assertThat(role.getString("role")).isEqualTo("web");
        assertThat(role.getFloat64("weight")).isEqualTo(2.5);
        assertThat(role.getArray("frameworks")).containsExactly("fw-marathon-0001", "fw-2");
        assertThat(role.getFloat64("cpus")).isEqualTo(3.0);
        assertThat(role.getFloat64("mem")).isEqualTo(2048.0);
        assertThat(role.getFloat64("disk")).isEqualTo(0.0);
        assertValidAndLossless(role);
    }

    @Test
    void quotaConfigsFromGetQuota() {
        JsonNode configs = parse(MesosJson.GET_QUOTA).get("get_quota").get("status").get("configs");
        Struct dev = mapper.quota(configs.get(0), Op.READ, POLL, T);
        Struct reset = mapper.quota(configs.get(1), Op.READ, POLL, T);

        assertThat(mapper.quotaKey(configs.get(0))).isEqualTo("dev");
        assertThat(dev.<String, Double>getMap("guarantees")).containsExactly(entry("cpus", 2.0),
                entry("mem", 1024.0));
        assertThat(dev.<String, Double>getMap("limits")).containsExactly(entry("cpus", 4.0), entry("mem", 4096.0),
                entry("gpus", 0.0));
        assertThat(reset.getString("role")).isEqualTo("reset");
        assertThat(reset.getMap("guarantees")).isEmpty();
        assertThat(reset.getMap("limits")).isEmpty();
        assertValidAndLossless(dev);
        assertValidAndLossless(reset);
    }

    @Test
    void maintenanceJoinsScheduleAndStatusPerMachine() {
        List<KeyedStruct> rows = mapper.maintenance(parse(MesosJson.MAINTENANCE_SCHEDULE),
                parse(MesosJson.MAINTENANCE_STATUS), Op.READ, POLL, T);

        assertThat(rows).extracting(KeyedStruct::key)
                .containsExactly("node-1.example.com", "node-3.example.com", "10.0.0.9");
        Struct draining = rows.get(0).value();
        assertThat(draining.getString("mode")).isEqualTo("DRAINING");
        assertThat(draining.getString("ip")).isEqualTo("10.0.0.1");
        assertThat(draining.getBoolean("scheduled")).isTrue();
        assertThat(draining.getInt64("unavailability_start_ns")).isEqualTo(1470900000000000000L);
        assertThat(draining.getInt64("unavailability_duration_ns")).isEqualTo(3_600_000_000_000L);
        assertThat(draining.get("unavailability_end")).isEqualTo(new Date(1470900000000L + 3_600_000L));
        Struct answer = (Struct) draining.getArray("inverse_offer_statuses").get(0);
        assertThat(answer.getString("status")).isEqualTo("ACCEPT");
        assertThat(answer.getString("framework_id")).isEqualTo("fw-marathon-0001");
        assertThat(answer.getInt64("timestamp_ns")).isEqualTo(1470890000000000000L);

        Struct up = rows.get(1).value();
        assertThat(up.getString("mode")).as("scheduled but neither draining nor down").isEqualTo("UP");
        assertThat(up.getString("ip")).isNull();

        Struct down = rows.get(2).value();
        assertThat(down.getString("mode")).isEqualTo("DOWN");
        assertThat(down.getString("hostname")).isNull();
        assertThat(down.getInt64("unavailability_duration_ns")).isNull();
        assertThat(down.get("unavailability_end")).as("open-ended unavailability").isNull();
        rows.forEach(row -> assertValidAndLossless(row.value()));
    }

    @Test
    void maintenanceFromStatusAloneOrNothing() {
        List<KeyedStruct> rows = mapper.maintenance(null, parse(MesosJson.MAINTENANCE_STATUS)
                .get("get_maintenance_status").get("status"), Op.READ, POLL, T);
        assertThat(rows).extracting(KeyedStruct::key).containsExactly("node-1.example.com", "10.0.0.9");
        assertThat(rows.get(0).value().getBoolean("scheduled")).isFalse();
        assertThat(mapper.maintenance(null, null, Op.READ, POLL, T)).isEmpty();
        assertThat(mapper.maintenance(parse("{\"windows\":[{\"machine_ids\":[{}]}]}"), null, Op.READ, POLL, T))
                .as("a machine without hostname and ip is skipped").isEmpty();
    }

    @Test
    void masterFromGetMasterVersionHealthAndFlags() {
        JsonNode getMaster = parse(MesosJson.GET_MASTER);
        Struct master = mapper.master(getMaster, parse(MesosJson.GET_VERSION), true, parse(MesosJson.GET_FLAGS),
                Op.READ, POLL, T);

        assertThat(mapper.masterKey(getMaster)).isEqualTo("master-7a1b");
        assertThat(master.getString("master_id")).isEqualTo("master-7a1b");
        assertThat(master.getString("hostname")).isEqualTo("master-1");
        assertThat(master.getString("ip")).isEqualTo("127.0.1.1");
        assertThat(master.getInt32("port")).isEqualTo(5050);
        assertThat(master.getString("pid")).isEqualTo("master@127.0.1.1:5050");
        assertThat(master.getString("version")).isEqualTo("1.11.0");
        assertThat(master.getArray("capabilities")).containsExactly("AGENT_UPDATE", "AGENT_DRAINING");
        assertThat(master.get("start_time")).isEqualTo(new Date(1470820100500L));
        assertThat(master.get("elected_time")).isEqualTo(new Date(1470820101250L));
        assertThat(master.getBoolean("healthy")).isTrue();
        assertThat(master.getString("build_version")).isEqualTo("1.11.0");
        assertThat(master.getString("build_date")).isEqualTo("2020-11-19 12:00:00");
        assertThat(master.get("build_time")).isEqualTo(new Date(1605787200000L));
        assertThat(master.getString("build_user")).isEqualTo("builder");
        assertThat(master.getString("git_sha")).isEqualTo("04bc7ee1984d86fbb0bd782ccc69ce44c13ae4b9");
        assertThat(master.getString("git_tag")).isEqualTo("1.11.0");
        assertThat(master.getString("git_branch")).isNull();
        Map<String, String> flags = master.getMap("flags");
        assertThat(flags).containsEntry("quorum", "2")
                .containsEntry("zk", "zk://[redacted]@zk1:2181,zk2:2181/mesos")
                .containsEntry("zk_session_timeout", "10secs")
                .containsEntry("secret_resolver", "[redacted]")
                .containsEntry("work_dir", "/var/lib/mesos");
        assertThat(master.toString()).doesNotContain("hunter2");
        assertValidAndLossless(master);
    }

    @Test
    void masterIpFromNetworkOrderUint32WhenNoAddress() {
        JsonNode getMaster = parse("""
                {"master_info":{"id":"m2","ip":16842879,"port":5050}}""");
        Struct master = mapper.master(getMaster, null, null, null, Op.READ, POLL, T);
        assertThat(master.getString("ip")).isEqualTo("127.0.1.1");
        assertThat(master.getInt32("port")).isEqualTo(5050);
        assertThat(master.getMap("flags")).isNull();
        assertThat(MasterMapper.dottedIp(0x0100000AL)).isEqualTo("10.0.0.1");
        assertThat(MasterMapper.dottedIp(-1L)).isNull();
        assertValidAndLossless(master);
    }

    @Test
    void operationFromGetOperations() {
        JsonNode json = parse(MesosJson.OPERATION);
        Struct operation = mapper.operation(json, Op.READ, POLL, T);

        assertThat(mapper.operationKey(json)).isEqualTo("cPK4Cx7fR5aXq0rAq9kWAg==");
        assertThat(operation.getString("operation_id")).isEqualTo("op-1");
        assertThat(operation.getString("framework_id")).isEqualTo("fw-storage");
        assertThat(operation.getString("agent_id")).isEqualTo("agent-S1");
        assertThat(operation.getString("resource_provider_id")).isEqualTo("rp-1");
        assertThat(operation.getString("type")).isEqualTo("CREATE_DISK");
        assertThat(operation.getString("state")).isEqualTo("OPERATION_FINISHED");
        assertThat(operation.getInt32("status_count")).isEqualTo(2);
        Struct converted = (Struct) operation.getArray("converted_resources").get(0);
        assertThat(converted.getString("disk_source_type")).isEqualTo("MOUNT");
        assertThat(converted.getString("disk_source_id")).isEqualTo("csi-vol-9");
        assertThat(converted.getString("disk_source_profile")).isEqualTo("fast");
        assertThat(converted.getString("disk_source_vendor")).isEqualTo("acme");
        assertThat(converted.getString("disk_source_root")).isEqualTo("./csi/mnt");
        assertThat(converted.getString("provider_id")).isEqualTo("rp-1");
        assertThat(parse(operation.getString("info_json"))).isEqualTo(json.get("info"));
        assertValidAndLossless(operation);
    }

    @Test
    void oneMetricRowPerNamedMetric() {
        List<Struct> metrics = mapper.metrics(parse(MesosJson.GET_METRICS), POLL, T);

        assertThat(metrics).extracting(m -> m.getString("name")).containsExactly(
                "allocator/mesos/resources/cpus/total", "master/elected", "master/operator_event_stream_subscribers",
                "master/uptime_secs", "master/no_value_yet");
        Map<String, Double> values = new HashMap<>();
        metrics.forEach(m -> values.put(m.getString("name"), m.getFloat64("value")));
        assertThat(values).containsEntry("master/uptime_secs", 1234.567).containsEntry("master/no_value_yet", null);
        Struct first = metrics.get(0);
        assertThat(first.schema()).isSameAs(MesosSchemas.METRIC);
        assertThat(first.get("ts")).isEqualTo(Date.from(T));
        assertThat(first.getString("master_id")).isEqualTo("master-7a1b");
        assertThat(first.getString("leader")).isEqualTo("http://master-1:5050");
        assertThat(first.getStruct("source").getString("call")).isEqualTo("GET_AGENTS");
        metrics.forEach(ConnectRoundTrip::assertValidAndLossless);
        assertThat(mapper.metrics(parse(MesosJson.GET_METRICS).get("get_metrics"), POLL, T)).hasSize(5);
    }

    @Test
    void heartbeatCarriesStreamPosition() {
        Struct heartbeat = mapper.heartbeat(SRC, T);
        assertThat(heartbeat.getString("master_id")).isEqualTo("master-7a1b");
        assertThat(heartbeat.getString("stream_id")).isEqualTo("stream-1");
        assertThat(heartbeat.getInt64("sequence")).isEqualTo(42L);
        assertThat(heartbeat.get("ts")).isEqualTo(Date.from(T));
        assertValidAndLossless(heartbeat);
        assertValidAndLossless(mapper.heartbeat(null, null));
    }

    @Test
    void nullInputsGiveEmptyButValidRows() {
        assertValidAndLossless(mapper.task(null, null, null, null));
        assertValidAndLossless(mapper.agent(null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.recoveredAgent(null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.framework(null, false, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.executor(null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.role(null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.quota(null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.master(null, null, null, null, Op.DELETE, SRC, T));
        assertValidAndLossless(mapper.operation(null, Op.DELETE, SRC, T));
        assertThat(mapper.metrics(null, SRC, T)).isEmpty();
    }

    @Test
    void wrongTypesBecomeNullsAndQuotedNumbersAreRead() {
        JsonNode odd = parse("""
                {"name":{"nested":true},"task_id":{"value":"t1"},"framework_id":{"value":7},
                 "state":["TASK_RUNNING"],"agent_id":"not-an-object",
                 "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":"1.5"}},
                              {"name":"mem","scalar":{"value":"lots"}},"junk",
                              {"name":"ports","ranges":{"range":[{"begin":"31000","end":1e3}]}}],
                 "labels":{"labels":{"key":"lone","value":"label"}},
                 "statuses":"none"}""");
        Struct task = mapper.task(odd, Op.UPDATE, SRC, T);

        assertThat(task.getString("name")).isNull();
        assertThat(task.getString("framework_id")).as("a number where a string belongs is rendered").isEqualTo("7");
        assertThat(task.getString("state")).isNull();
        assertThat(task.getString("agent_id")).isNull();
        assertThat(task.getFloat64("cpus")).isEqualTo(1.5);
        assertThat(task.getFloat64("mem")).isEqualTo(0.0);
        assertThat(task.getArray("resources")).hasSize(3);
        Struct range = (Struct) ((Struct) task.getArray("resources").get(2)).getArray("ranges").get(0);
        assertThat(range.getInt64("begin")).isEqualTo(31000L);
        assertThat(range.getInt64("end")).isEqualTo(1000L);
        assertThat(task.<String, String>getMap("labels")).containsExactly(entry("lone", "label"));
        assertThat(task.getArray("statuses")).isNull();
        assertValidAndLossless(task);
    }
}
