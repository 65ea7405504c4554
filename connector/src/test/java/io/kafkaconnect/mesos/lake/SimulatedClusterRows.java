package io.kafkaconnect.mesos.lake;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.client.EventStream;
import io.kafkaconnect.mesos.client.MesosClient;
import io.kafkaconnect.mesos.client.MesosClientConfig;
import io.kafkaconnect.mesos.client.MesosEvent;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.simulator.GroundTruth;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import io.kafkaconnect.mesos.source.mapping.EntityMapper;
import io.kafkaconnect.mesos.source.mapping.EventMapper;
import io.kafkaconnect.mesos.source.mapping.KeyedStruct;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.maintenance.Protos.Schedule;

import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.quota.Protos.QuotaConfig;

/**
 * Rows for every topic, made by the connector's own mappers from what a simulated Mesos master answers over HTTP: a
 * seeded workload of a few hundred tasks, quota, a maintenance schedule with a machine down, and the SUBSCRIBE stream
 * in both encodings. This is the realistic half of the lake proof; {@link StructArbitraries} covers every field.
 */
final class SimulatedClusterRows {

    private static final Instant T = Instant.parse("2026-11-21T14:00:00.250Z");
    private static final int EVENTS_PER_ENCODING = 60;
    private static final int MAX_STREAM_RECORDS = 5_000;
    private static final double EVENTS_PER_SECOND = 500;

    private final EntityMapper entities = new EntityMapper();
    private final EventMapper events = new EventMapper();
    private final Map<String, List<Struct>> rows = new LinkedHashMap<>();
    private String masterId;
    private long sequence;

    private SimulatedClusterRows() {
    }

    /** Topic suffix ({@code MesosSchemas.all()} keys) to rows, in the order they were made. */
    static Map<String, List<Struct>> collect(long seed, int tasks) {
        SimulatedClusterRows collector = new SimulatedClusterRows();
        try (SimulatedMesosCluster cluster = SimulatedMesosCluster.builder().seed(seed)
                .heartbeatInterval(Duration.ofMillis(100)).build().start();
             WorkloadGenerator workload = new WorkloadGenerator(cluster,
                     WorkloadConfig.of(seed, 12, 4, tasks).withRates(0.05, 0.02, 0.3))) {
            workload.populate();
            workload.step(tasks);
            try (MesosClient client = client(cluster, Encoding.JSON)) {
                collector.masterId = get(client, Call.Type.GET_MASTER).at("/get_master/master_info/id").asText();
            }
            collector.events(cluster, workload, Encoding.JSON);
            collector.events(cluster, workload, Encoding.PROTOBUF);
            try (MesosClient client = client(cluster, Encoding.JSON)) {
                configureQuotaAndMaintenance(client, cluster.groundTruth());
                collector.polled(client);
            }
        }
        return collector.rows;
    }

    private void polled(MesosClient client) {
        JsonNode master = get(client, Call.Type.GET_MASTER);
        PolledSource src = call -> new SourceInfo(masterId, client.currentMaster().toString(), null, sequence++,
                false, false, call);
        JsonNode state = get(client, Call.Type.GET_STATE).path("get_state");
        state.at("/get_tasks").fields().forEachRemaining(list -> list.getValue().forEach(
                task -> add("tasks", entities.task(task, Op.READ, src.apply("GET_STATE"), T))));
        state.at("/get_agents/agents").forEach(
                agent -> add("agents", entities.agent(agent, Op.READ, src.apply("GET_STATE"), T)));
        state.at("/get_agents/recovered_agents").forEach(
                agent -> add("agents", entities.recoveredAgent(agent, Op.READ, src.apply("GET_STATE"), T)));
        state.at("/get_frameworks/frameworks").forEach(framework -> add("frameworks",
                entities.framework(framework, false, Op.READ, src.apply("GET_STATE"), T)));
        state.at("/get_frameworks/completed_frameworks").forEach(framework -> add("frameworks",
                entities.framework(framework, true, Op.DELETE, src.apply("GET_STATE"), T)));
        state.at("/get_executors/executors").forEach(
                executor -> add("executors", entities.executor(executor, Op.READ, src.apply("GET_STATE"), T)));
        get(client, Call.Type.GET_ROLES).at("/get_roles/roles").forEach(
                role -> add("roles", entities.role(role, Op.READ, src.apply("GET_ROLES"), T)));
        get(client, Call.Type.GET_QUOTA).at("/get_quota/status/configs").forEach(
                quota -> add("quota", entities.quota(quota, Op.READ, src.apply("GET_QUOTA"), T)));
        for (KeyedStruct machine : entities.maintenance(get(client, Call.Type.GET_MAINTENANCE_SCHEDULE),
                get(client, Call.Type.GET_MAINTENANCE_STATUS), Op.READ, src.apply("GET_MAINTENANCE_STATUS"), T)) {
            add("maintenance", machine.value());
        }
        add("master", entities.master(master, get(client, Call.Type.GET_VERSION), true,
                get(client, Call.Type.GET_FLAGS), Op.READ, src.apply("GET_MASTER"), T));
        get(client, Call.Type.GET_OPERATIONS).at("/get_operations/operations").forEach(
                operation -> add("operations", entities.operation(operation, Op.READ, src.apply("GET_OPERATIONS"), T)));
        entities.metrics(get(client, Call.Type.GET_METRICS), src.apply("GET_METRICS"), T)
                .forEach(metric -> add("metrics", metric));
    }

    /** Subscribes while the workload runs and maps what the stream delivers, heartbeats to their own topic. */
    private void events(SimulatedMesosCluster cluster, WorkloadGenerator workload, Encoding encoding) {
        try (MesosClient client = client(cluster, encoding); EventStream stream = client.subscribe()) {
            workload.start(EVENTS_PER_SECOND);
            int mapped = 0;
            for (int read = 0; mapped < EVENTS_PER_ENCODING && read < MAX_STREAM_RECORDS; read++) {
                MesosEvent event = stream.next();
                if (event == null) {
                    break;
                }
                SourceInfo src = new SourceInfo(masterId, client.currentMaster().toString(), "stream-" + encoding,
                        read, read == 0, false, null);
                Instant received = Instant.ofEpochMilli(event.receivedAtMillis());
                if ("HEARTBEAT".equals(event.type())) {
                    add("heartbeats", entities.heartbeat(src, received));
                } else {
                    mapped++;
                }
                add("events", events.event(event.type(), event.json(), event.raw(), encoding == Encoding.JSON, src,
                        received));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the simulated event stream", e);
        } finally {
            workload.stop();
        }
    }

    private static void configureQuotaAndMaintenance(MesosClient client, GroundTruth truth) {
        client.call(Call.newBuilder().setType(Call.Type.UPDATE_QUOTA).setUpdateQuota(Call.UpdateQuota.newBuilder()
                .addQuotaConfigs(QuotaConfig.newBuilder().setRole("role-0")
                        .putGuarantees("cpus", scalar(1.5)).putGuarantees("mem", scalar(512))
                        .putLimits("cpus", scalar(4)).putLimits("mem", scalar(4096)))
                .addQuotaConfigs(QuotaConfig.newBuilder().setRole("role-1").putLimits("gpus", scalar(0))))
                .build());
        List<MachineID> machines = new ArrayList<>();
        truth.agents().values().stream().filter(GroundTruth.AgentView::registered).limit(3).forEach(agent ->
                machines.add(MachineID.newBuilder().setHostname(agent.hostname()).setIp(agent.ip()).build()));
        Schedule schedule = Schedule.newBuilder()
                .addWindows(Window.newBuilder().addAllMachineIds(machines.subList(0, 2)).setUnavailability(
                        Unavailability.newBuilder().setStart(TimeInfo.newBuilder().setNanoseconds(1_795_300_000_123_456_789L))
                                .setDuration(DurationInfo.newBuilder().setNanoseconds(3_600_000_000_000L))))
                .addWindows(Window.newBuilder().addMachineIds(machines.get(2)).setUnavailability(
                        Unavailability.newBuilder().setStart(TimeInfo.newBuilder().setNanoseconds(1_795_400_000_000_000_000L))))
                .build();
        client.call(Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
                .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder().setSchedule(schedule))
                .build());
        client.call(Call.newBuilder().setType(Call.Type.START_MAINTENANCE)
                .setStartMaintenance(Call.StartMaintenance.newBuilder().addMachines(machines.get(2))).build());
    }

    private static Value.Scalar scalar(double value) {
        return Value.Scalar.newBuilder().setValue(value).build();
    }

    private static JsonNode get(MesosClient client, Call.Type type) {
        return client.call(Call.newBuilder().setType(type).build()).json();
    }

    private static MesosClient client(SimulatedMesosCluster cluster, Encoding encoding) {
        // a generous stall window: a shared 2-core machine can pause a test JVM longer than a few heartbeats
        return new MesosClient(MesosClientConfig.builder().masterUrl(cluster.leaderUrl()).encoding(encoding)
                .heartbeatMultiplier(50).build());
    }

    /** The source block of a polled row: no stream, the read call that produced it. */
    private interface PolledSource {
        SourceInfo apply(String call);
    }

    private void add(String topic, Struct row) {
        rows.computeIfAbsent(topic, t -> new ArrayList<>()).add(row);
    }
}
