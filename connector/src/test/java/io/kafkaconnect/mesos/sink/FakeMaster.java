package io.kafkaconnect.mesos.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * A scriptable master for unit tests: scripted answers to writes (default 2xx per catalog), a mutable agent state that
 * successful reserve calls update, and a log of every write received.
 */
final class FakeMaster implements MasterGateway {

    /** One scripted answer: a reply, or an exception thrown instead. */
    record Step(MasterReply reply, RuntimeException error, boolean applyFirst) {
    }

    final Deque<Step> script = new ArrayDeque<>();
    final List<Call> received = new ArrayList<>();
    Response.GetAgents.Builder agents = Response.GetAgents.newBuilder();
    Response.GetQuota.Builder quota = Response.GetQuota.newBuilder();
    MesosVersion version = MesosVersion.of(1, 11, 0);
    RuntimeException queryFailure;
    /** What an applied write does to the agent state; default: reserve adds its resources. */
    Consumer<Call> effect = this::applyReserve;

    FakeMaster reply(int status, String body) {
        script.add(new Step(new MasterReply(status, body), null, false));
        return this;
    }

    FakeMaster fail(RuntimeException e, boolean applyFirst) {
        script.add(new Step(null, e, applyFirst));
        return this;
    }

    FakeMaster withAgent(String id) {
        agents.addAgents(Response.GetAgents.Agent.newBuilder()
                .setAgentInfo(org.apache.mesos.v1.Protos.AgentInfo.newBuilder().setHostname(id + ".local")
                        .setId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(id)))
                .setActive(true).setVersion("1.11.0"));
        return this;
    }

    void applyReserve(Call call) {
        if (call.getType() == Call.Type.RESERVE_RESOURCES) {
            for (int i = 0; i < agents.getAgentsCount(); i++) {
                if (agents.getAgents(i).getAgentInfo().getId().equals(call.getReserveResources().getAgentId())) {
                    agents.getAgentsBuilder(i).addAllTotalResources(call.getReserveResources().getResourcesList());
                }
            }
        }
    }

    int writes() {
        return received.size();
    }

    @Override
    public synchronized MasterReply send(Call call) {
        received.add(call);
        Step step = script.poll();
        if (step == null) {
            effect.accept(call);
            return new MasterReply(CallCatalog.lookup(call.getType()).map(CallSpec::successStatus).orElse(200), "");
        }
        if (step.error() != null) {
            if (step.applyFirst()) {
                effect.accept(call);
            }
            throw step.error();
        }
        if (step.reply().status() / 100 == 2) {
            effect.accept(call);
        }
        return step.reply();
    }

    @Override
    public synchronized Response query(Call call) {
        if (queryFailure != null) {
            throw queryFailure;
        }
        return switch (call.getType()) {
            case GET_AGENTS -> Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(agents).build();
            case GET_QUOTA -> Response.newBuilder().setType(Response.Type.GET_QUOTA).setGetQuota(quota).build();
            default -> throw new MasterQueryException("not scripted: " + call.getType(), null);
        };
    }

    @Override
    public MesosVersion version() {
        return version;
    }
}
