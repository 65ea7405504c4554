package io.kafkaconnect.mesos.source.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;

/**
 * Hand-written Mesos 1.11 JSON, shaped as a real master writes it (facts §6/§8): snake_case names, enums as names,
 * int64 as plain numbers, the endpoint resource format for agents and the stored format for tasks, the fields with
 * defaults always present, and the corrected event shapes of facts §9/§11.
 */
final class MesosJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Keeps decimals as written (1470820172.07315, 15.0) when compacting, instead of Java's exponent form. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    static final String TASK = compact("""
            {"name":"web-1","task_id":{"value":"web.7f3c"},"framework_id":{"value":"fw-marathon-0001"},
             "executor_id":{"value":"exec-web.7f3c"},"agent_id":{"value":"agent-S1"},"state":"TASK_RUNNING",
             "resources":[
               {"name":"cpus","type":"SCALAR","scalar":{"value":0.1},"allocation_info":{"role":"web"}},
               {"name":"cpus","type":"SCALAR","scalar":{"value":0.2},"allocation_info":{"role":"web"}},
               {"name":"mem","type":"SCALAR","scalar":{"value":128.0},"allocation_info":{"role":"web"},
                "reservations":[{"type":"DYNAMIC","role":"web","principal":"ops",
                                 "labels":{"labels":[{"key":"owner","value":"team-a"}]}}]},
               {"name":"disk","type":"SCALAR","scalar":{"value":64.0},"allocation_info":{"role":"web"},
                "reservations":[{"type":"STATIC","role":"web"}],
                "disk":{"persistence":{"id":"vol-1","principal":"ops"},
                        "volume":{"mode":"RW","container_path":"data"},
                        "source":{"type":"MOUNT","mount":{"root":"/mnt/disk1"}}}},
               {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31001},{"begin":31005,"end":31005}]},
                "allocation_info":{"role":"web"}},
               {"name":"gpus","type":"SCALAR","scalar":{"value":1.0},"revocable":{},"allocation_info":{"role":"web"}}],
             "statuses":[
               {"task_id":{"value":"web.7f3c"},"state":"TASK_STARTING","source":"SOURCE_EXECUTOR",
                "agent_id":{"value":"agent-S1"},"executor_id":{"value":"exec-web.7f3c"},
                "timestamp":1470820172.07315,"uuid":"hTaLQ0b5Q1OZuab7QclTKQ=="},
               {"task_id":{"value":"web.7f3c"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                "agent_id":{"value":"agent-S1"},"executor_id":{"value":"exec-web.7f3c"},
                "timestamp":1470820175.5,"healthy":true,"uuid":"AAECAwQFBgcICQoLDA0ODw==",
                "labels":{"labels":[{"key":"phase","value":"up"}]},
                "container_status":{"container_id":{"value":"c-42"},
                  "network_infos":[{"ip_addresses":[{"protocol":"IPv4","ip_address":"10.0.0.5"}]}],
                  "executor_pid":4242}}],
             "status_update_state":"TASK_RUNNING","status_update_uuid":"AAECAwQFBgcICQoLDA0ODw==",
             "labels":{"labels":[{"key":"app","value":"web"},{"key":"tier","value":"front"},{"key":"flag"}]},
             "container":{"type":"DOCKER","docker":{"image":"nginx:1.25","network":"BRIDGE"}},
             "user":"nobody","limits":{"cpus":{"value":2.0},"mem":{"value":"Infinity"}}}
            """);

    /** GET_AGENTS agent in the endpoint resource format, draining, with attributes of every value type. */
    static final String AGENT = compact("""
            {"agent_info":{"hostname":"node-1.example.com","port":5051,
               "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":8.0}}],
               "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r12"}},
                             {"name":"ssd","type":"SCALAR","scalar":{"value":2.0}},
                             {"name":"weight","type":"SCALAR","scalar":{"value":0.5}},
                             {"name":"slots","type":"RANGES","ranges":{"range":[{"begin":1,"end":4},{"begin":8,"end":9}]}},
                             {"name":"zones","type":"SET","set":{"item":["a","b"]}}],
               "id":{"value":"agent-S1"},
               "domain":{"fault_domain":{"region":{"name":"eu-west"},"zone":{"name":"eu-west-1a"}}}},
             "active":true,"deactivated":true,"version":"1.11.0","pid":"slave(1)@10.0.0.1:5051",
             "registered_time":{"nanoseconds":1470820172046531840},
             "reregistered_time":{"nanoseconds":1470820272046531999},
             "total_resources":[
               {"name":"cpus","type":"SCALAR","scalar":{"value":6.0},"role":"*"},
               {"name":"cpus","type":"SCALAR","scalar":{"value":2.0},"role":"web",
                "reservation":{"principal":"ops","labels":{"labels":[{"key":"cmd","value":"c-1"}]}},
                "reservations":[{"type":"DYNAMIC","role":"web","principal":"ops",
                                 "labels":{"labels":[{"key":"cmd","value":"c-1"}]}}]},
               {"name":"mem","type":"SCALAR","scalar":{"value":16384.0},"role":"*"},
               {"name":"disk","type":"SCALAR","scalar":{"value":100000.0},"role":"*"},
               {"name":"mem","type":"SCALAR","scalar":{"value":1024.0},
                "reservations":[{"type":"STATIC","role":"eng"},{"type":"DYNAMIC","role":"eng/ml","principal":"ml"}]},
               {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"role":"*"}],
             "allocated_resources":[
               {"name":"cpus","type":"SCALAR","scalar":{"value":0.3},"role":"*","allocation_info":{"role":"web"}},
               {"name":"mem","type":"SCALAR","scalar":{"value":128.0},"role":"*","allocation_info":{"role":"web"}}],
             "offered_resources":[],
             "capabilities":[{"type":"MULTI_ROLE"},{"type":"HIERARCHICAL_ROLE"},{"type":"AGENT_DRAINING"}],
             "drain_info":{"state":"DRAINING","config":{"max_grace_period":{"nanoseconds":600000000000},"mark_gone":false}},
             "estimated_drain_start_time":{"nanoseconds":1470830000000000000}}
            """);

    /** An entry of GET_AGENTS recovered_agents: a bare AgentInfo. */
    static final String RECOVERED_AGENT = compact("""
            {"hostname":"node-2.example.com","port":5051,
             "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*"},
                          {"name":"mem","type":"SCALAR","scalar":{"value":8192.0},"role":"*"}],
             "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r7"}}],
             "id":{"value":"agent-S2"}}
            """);

    static final String FRAMEWORK = compact("""
            {"framework_info":{"user":"root","name":"marathon","id":{"value":"fw-marathon-0001"},
               "failover_timeout":604800.0,"checkpoint":true,"roles":["web","batch"],
               "hostname":"sched-1","principal":"marathon","webui_url":"http://sched-1:8080",
               "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"},{"type":"FUTURE_CAPABILITY"}],
               "labels":{"labels":[{"key":"team","value":"platform"}]}},
             "active":true,"connected":true,"recovered":false,
             "registered_time":{"nanoseconds":1470820172046531840},
             "reregistered_time":{"nanoseconds":1470820200000000000},
             "offers":[],"inverse_offers":[],
             "allocated_resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.5},"role":"*","allocation_info":{"role":"web"}},
                                    {"name":"mem","type":"SCALAR","scalar":{"value":512.0},"role":"*","allocation_info":{"role":"web"}}],
             "offered_resources":[]}
            """);

    static final String EXECUTOR = compact("""
            {"executor_info":{"type":"CUSTOM","executor_id":{"value":"thermos-1"},
               "framework_id":{"value":"fw-aurora"},
               "command":{"shell":true,"value":"./thermos_executor","environment":{"variables":[{"name":"TOKEN","value":"s3cr3t"}]}},
               "container":{"type":"MESOS","mesos":{"image":{"type":"DOCKER","docker":{"name":"aurora/thermos:0.22"}}}},
               "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.25},"allocation_info":{"role":"aurora"}},
                            {"name":"mem","type":"SCALAR","scalar":{"value":128.0},"allocation_info":{"role":"aurora"}}],
               "name":"Thermos","shutdown_grace_period":{"nanoseconds":5000000000},
               "labels":{"labels":[{"key":"source","value":"aurora"}]}},
             "agent_id":{"value":"agent-S1"}}
            """);

    static final String ROLE = compact("""
            {"name":"web","weight":2.5,"frameworks":[{"value":"fw-marathon-0001"},{"value":"fw-2"}],
             "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":3.0}},
                          {"name":"mem","type":"SCALAR","scalar":{"value":2048.0}}]}
            """);

    /** GET_QUOTA body: configs and infos are siblings (facts §11). */
    static final String GET_QUOTA = compact("""
            {"type":"GET_QUOTA","get_quota":{"status":{
              "infos":[{"role":"dev","guarantee":[{"name":"cpus","type":"SCALAR","scalar":{"value":2.0}}]}],
              "configs":[{"role":"dev","guarantees":{"cpus":{"value":2.0},"mem":{"value":1024.0}},
                          "limits":{"cpus":{"value":4.0},"mem":{"value":4096.0},"gpus":{"value":0.0}}},
                         {"role":"reset","guarantees":{},"limits":{}}]}}}
            """);

    static final String MAINTENANCE_SCHEDULE = compact("""
            {"type":"GET_MAINTENANCE_SCHEDULE","get_maintenance_schedule":{"schedule":{"windows":[
              {"machine_ids":[{"hostname":"node-1.example.com","ip":"10.0.0.1"},{"hostname":"node-3.example.com"}],
               "unavailability":{"start":{"nanoseconds":1470900000000000000},"duration":{"nanoseconds":3600000000000}}},
              {"machine_ids":[{"ip":"10.0.0.9"}],
               "unavailability":{"start":{"nanoseconds":1471000000000000000}}}]}}}
            """);

    static final String MAINTENANCE_STATUS = compact("""
            {"type":"GET_MAINTENANCE_STATUS","get_maintenance_status":{"status":{
              "draining_machines":[{"id":{"hostname":"node-1.example.com","ip":"10.0.0.1"},
                 "statuses":[{"status":"ACCEPT","framework_id":{"value":"fw-marathon-0001"},
                              "timestamp":{"nanoseconds":1470890000000000000}}]}],
              "down_machines":[{"ip":"10.0.0.9"}]}}}
            """);

    static final String GET_MASTER = compact("""
            {"type":"GET_MASTER","get_master":{"master_info":{"id":"master-7a1b","ip":16842879,"port":5050,
              "pid":"master@127.0.1.1:5050","hostname":"master-1","version":"1.11.0",
              "address":{"hostname":"master-1","ip":"127.0.1.1","port":5050},
              "capabilities":[{"type":"AGENT_UPDATE"},{"type":"AGENT_DRAINING"}]},
              "start_time":1470820100.5,"elected_time":1470820101.25}}
            """);

    static final String GET_VERSION = compact("""
            {"type":"GET_VERSION","get_version":{"version_info":{"version":"1.11.0","build_date":"2020-11-19 12:00:00",
              "build_time":1605787200.0,"build_user":"builder","git_sha":"04bc7ee1984d86fbb0bd782ccc69ce44c13ae4b9",
              "git_tag":"1.11.0"}}}
            """);

    static final String GET_FLAGS = compact("""
            {"type":"GET_FLAGS","get_flags":{"flags":[{"name":"quorum","value":"2"},
              {"name":"zk","value":"zk://mesos:hunter2@zk1:2181,zk2:2181/mesos"},
              {"name":"zk_session_timeout","value":"10secs"},
              {"name":"secret_resolver","value":"/opt/libsecret.so"},{"name":"work_dir","value":"/var/lib/mesos"}]}}
            """);

    static final String OPERATION = compact("""
            {"framework_id":{"value":"fw-storage"},"agent_id":{"value":"agent-S1"},
             "info":{"type":"CREATE_DISK","id":{"value":"op-1"},
                     "create_disk":{"source":{"name":"disk","type":"SCALAR","scalar":{"value":1024.0}},"target_type":"MOUNT"}},
             "latest_status":{"operation_id":{"value":"op-1"},"state":"OPERATION_FINISHED",
                              "converted_resources":[{"name":"disk","type":"SCALAR","scalar":{"value":1024.0},
                                  "disk":{"source":{"type":"MOUNT","id":"csi-vol-9","profile":"fast","vendor":"acme",
                                  "mount":{"root":"./csi/mnt"}}},"provider_id":{"value":"rp-1"}}],
                              "uuid":{"value":"Wl9v2X4WQs+3G9bH7xq9Vw=="},"agent_id":{"value":"agent-S1"},
                              "resource_provider_id":{"value":"rp-1"}},
             "statuses":[{"state":"OPERATION_PENDING"},{"state":"OPERATION_FINISHED"}],
             "uuid":{"value":"cPK4Cx7fR5aXq0rAq9kWAg=="}}
            """);

    static final String GET_METRICS = compact("""
            {"type":"GET_METRICS","get_metrics":{"metrics":[
              {"name":"allocator/mesos/resources/cpus/total","value":8.0},
              {"name":"master/elected","value":1.0},
              {"name":"master/operator_event_stream_subscribers","value":3.0},
              {"name":"master/uptime_secs","value":1234.567},
              {"value":5.0},
              {"name":"master/no_value_yet"}]}}
            """);

    // ---- events (facts §4.2, §9, §11) ----

    static final String EVENT_SUBSCRIBED = compact("""
            {"type":"SUBSCRIBED","subscribed":{"get_state":{"get_tasks":{"tasks":[],"unreachable_tasks":[],
              "completed_tasks":[]},"get_executors":{"executors":[]},"get_frameworks":{"frameworks":[],
              "completed_frameworks":[]},"get_agents":{"agents":[],"recovered_agents":[]}},
              "heartbeat_interval_seconds":15.0}}""");

    static final String EVENT_HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    static final String EVENT_TASK_UPDATED = compact("""
            {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"fw-marathon-0001"},
              "status":{"task_id":{"value":"web.7f3c"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                "agent_id":{"value":"agent-S1"},"executor_id":{"value":"exec-web.7f3c"},
                "timestamp":1470820175.5,"uuid":"AAECAwQFBgcICQoLDA0ODw==","healthy":false,
                "reason":"REASON_TASK_HEALTH_CHECK_STATUS_UPDATED","message":"health check failed"},
              "state":"TASK_KILLING"}}""");

    static final String EVENT_AGENT_ADDED = "{\"type\":\"AGENT_ADDED\",\"agent_added\":{\"agent\":" + AGENT.strip()
            + "}}";

    static final String EVENT_AGENT_REMOVED = compact("""
            {"type":"AGENT_REMOVED","agent_removed":{"agent_id":{"value":"agent-S1"}}}""");

    static final String EVENT_FRAMEWORK_ADDED = "{\"type\":\"FRAMEWORK_ADDED\",\"framework_added\":{\"framework\":"
            + FRAMEWORK.strip() + "}}";

    static final String EVENT_FRAMEWORK_UPDATED = "{\"type\":\"FRAMEWORK_UPDATED\",\"framework_updated\":{"
            + "\"framework\":" + FRAMEWORK.strip() + "}}";

    static final String EVENT_FRAMEWORK_REMOVED = compact("""
            {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":{"user":"root","name":"marathon",
              "id":{"value":"fw-marathon-0001"},"failover_timeout":0.0,"checkpoint":false}}}""");

    static final String EVENT_TASK_ADDED = "{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":" + TASK.strip()
            + "}}";

    static final String EVENT_UNKNOWN = compact("""
            {"type":"OPERATION_UPDATED","operation_updated":{"framework_id":{"value":"fw-x"},"status":{"state":"OPERATION_FINISHED"}}}""");

    private MesosJson() {
    }

    /** Single-line JSON, as Mesos writes its records. */
    static String compact(String json) {
        try {
            return EXACT.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
