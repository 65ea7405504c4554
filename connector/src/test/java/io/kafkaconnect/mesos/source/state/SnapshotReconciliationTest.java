package io.kafkaconnect.mesos.source.state;

import static io.kafkaconnect.mesos.source.state.MesosJsonFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Snapshots diffed against what was published: what is synthesized, what is held back, what is never re-emitted. */
class SnapshotReconciliationTest {

    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    private final PublishedState published = new PublishedState();
    private final RecoveryHolds holds = new RecoveryHolds(Duration.ofMinutes(10));
    private EntityModel model = new EntityModel(published, holds);

    private static ObjectNode cluster() {
        return getState(List.of(agent("a1", "h1"), agent("a2", "h2")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_RUNNING"), task("f1", "t2", "a2", "TASK_RUNNING")),
                List.of(executor("a1", "f1", "e1")));
    }

    private List<EntityChange> subscribed(ObjectNode state, SnapshotPolicy policy, Instant now) {
        return Snapshots.apply(model, EntityKind.STREAMED, state, policy, Long.MAX_VALUE, now);
    }

    @Test
    void firstSnapshotPublishesEverythingAsRead() {
        List<EntityChange> changes = subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        assertThat(changes).hasSize(6).allMatch(c -> c.op() == ChangeOp.READ && c.snapshot() && !c.reconciled());
        assertThat(changes).extracting(c -> c.ref().kind()).containsExactlyInAnyOrder(EntityKind.AGENT,
                EntityKind.AGENT, EntityKind.FRAMEWORK, EntityKind.TASK, EntityKind.TASK, EntityKind.EXECUTOR);
    }

    @Test
    void anUnchangedSnapshotIsNotReEmitted() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        assertThat(subscribed(cluster(), SnapshotPolicy.RECONCILE, T0)).isEmpty();
        assertThat(subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0)).isEmpty();
    }

    @Test
    void alwaysRepublishesEverything() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        assertThat(subscribed(cluster(), SnapshotPolicy.READ_ALL, T0)).hasSize(6).allMatch(c -> c.op() == ChangeOp.READ);
    }

    @Test
    void missedAddsUpdatesAndRemovalsAreSynthesizedAsReconciled() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode later = getState(List.of(agent("a1", "h1"), agent("a3", "h3")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_FINISHED"), task("f1", "t3", "a3", "TASK_STAGING")),
                List.of(executor("a1", "f1", "e1")));

        List<EntityChange> changes = subscribed(later, SnapshotPolicy.RECONCILE, T0);

        assertThat(changes).extracting(c -> c.ref().key(), EntityChange::op)
                .containsExactlyInAnyOrder(
                        tuple("a3", ChangeOp.CREATE),
                        tuple("f1/t1", ChangeOp.UPDATE),
                        tuple("f1/t3", ChangeOp.CREATE),
                        tuple("f1/t2", ChangeOp.DELETE),
                        tuple("a2", ChangeOp.DELETE));
        assertThat(changes).allMatch(c -> c.reconciled() && c.snapshot());
        assertThat(changes).filteredOn(EntityChange::isDelete)
                .allSatisfy(c -> assertThat(c.value()).as("last known value").isNotNull());
    }

    @Test
    void afterARestartOnlyDigestsAreKnownAndRemovalsStillGoOut() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        model = new EntityModel(published, holds); // restart: the model is empty, the read-back state remains

        ObjectNode later = getState(List.of(agent("a1", "h1")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_RUNNING")), List.of(executor("a1", "f1", "e1")));
        List<EntityChange> changes = subscribed(later, SnapshotPolicy.RECONCILE, T0);

        assertThat(changes).extracting(c -> c.ref().key(), EntityChange::op)
                .containsExactlyInAnyOrder(tuple("f1/t2", ChangeOp.DELETE), tuple("a2", ChangeOp.DELETE));
        assertThat(changes).allSatisfy(c -> assertThat(c.value()).isNull());
    }

    @Test
    void baselinePublishesNothingButLaterChangesGoOut() {
        assertThat(subscribed(cluster(), SnapshotPolicy.BASELINE, T0)).isEmpty();
        assertThat(model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t1", "a1", "TASK_RUNNING", "TASK_RUNNING"), 1))
                .isEmpty();
        assertThat(model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t1", "a1", "TASK_FAILED", "TASK_FAILED"), 2))
                .extracting(EntityChange::op).containsExactly(ChangeOp.UPDATE);
    }

    @Test
    void removedFrameworksAndTheirTasksAreAbsentFromASnapshot() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode state = getState(List.of(agent("a1", "h1"), agent("a2", "h2")), List.of(), List.of(), List.of());
        ((ArrayNode) state.path("get_frameworks").path("completed_frameworks")).add(framework("f1", "fw"));
        ArrayNode completed = (ArrayNode) state.path("get_tasks").path("completed_tasks");
        completed.add(task("f1", "t1", "a1", "TASK_KILLED"));
        completed.add(task("f1", "t2", "a2", "TASK_KILLED"));

        List<EntityChange> changes = subscribed(state, SnapshotPolicy.RECONCILE, T0);

        assertThat(changes).extracting(c -> c.ref().key()).containsExactlyInAnyOrder("f1/t1", "f1/t2", "a1/f1/e1", "f1");
        assertThat(changes).allMatch(EntityChange::isDelete);
    }

    @Test
    void completedTasksOfLiveFrameworksKeepTheirTerminalState() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode state = getState(List.of(agent("a1", "h1"), agent("a2", "h2")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t2", "a2", "TASK_RUNNING")), List.of(executor("a1", "f1", "e1")));
        ((ArrayNode) state.path("get_tasks").path("completed_tasks")).add(task("f1", "t1", "a1", "TASK_FINISHED"));

        assertThat(subscribed(state, SnapshotPolicy.RECONCILE, T0)).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.UPDATE);
            assertThat(c.value().path("state").asText()).isEqualTo("TASK_FINISHED");
        });
    }

    @Test
    void recoveringAgentsAndTheirTasksAreHeldUntilTheyReRegister() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        // After a failover the new leader knows a2 only from its registry; t2 and its framework are not listed yet.
        ObjectNode failedOver = getState(List.of(agent("a1", "h1")), List.of(),
                List.of(task("f1", "t1", "a1", "TASK_RUNNING")), List.of(executor("a1", "f1", "e1")));
        ((ArrayNode) failedOver.path("get_agents").path("recovered_agents")).add(agentInfo("a2", "h2"));
        ObjectNode recoveredFramework = framework("f1", "fw").put("recovered", true);

        List<EntityChange> changes = subscribed(failedOver, SnapshotPolicy.RECONCILE, T0);

        assertThat(changes).as("f1 is held: it owns t2 on the recovering agent a2").isEmpty();
        assertThat(model.isHeld(new EntityRef(EntityKind.AGENT, "a2"))).isTrue();

        // a2 re-registers: AGENT_ADDED, TASK_ADDED, FRAMEWORK_ADDED (recovered) as on a real master.
        assertThat(model.applyEvent("AGENT_ADDED", agentAdded(agent("a2", "h2")), 1)).isEmpty();
        assertThat(model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t2", "a2", "TASK_RUNNING")), 2)).isEmpty();
        assertThat(model.applyEvent("FRAMEWORK_ADDED", frameworkEvent("FRAMEWORK_ADDED", recoveredFramework), 3))
                .extracting(EntityChange::op).containsExactly(ChangeOp.UPDATE);
        assertThat(holds.isEmpty()).isTrue();
        assertThat(model.expireHolds(T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void recoveringAgentsThatNeverReturnArePublishedAsRemovedAtTheTimeout() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode failedOver = getState(List.of(), List.of(), List.of(), List.of());
        ArrayNode recovered = (ArrayNode) failedOver.path("get_agents").path("recovered_agents");
        recovered.add(agentInfo("a1", "h1"));
        recovered.add(agentInfo("a2", "h2"));
        assertThat(subscribed(failedOver, SnapshotPolicy.RECONCILE, T0)).isEmpty();

        // a1 re-registers with t1, and f1 re-subscribes; a2 never comes back.
        model.applyEvent("AGENT_ADDED", agentAdded(agent("a1", "h1")), 1);
        model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t1", "a1", "TASK_RUNNING")), 2);

        assertThat(model.expireHolds(T0.plus(Duration.ofMinutes(9)))).isEmpty();
        List<EntityChange> expired = model.expireHolds(T0.plus(Duration.ofMinutes(10)));

        assertThat(expired).extracting(c -> c.ref().key(), EntityChange::op)
                .containsExactlyInAnyOrder(tuple("f1/t2", ChangeOp.DELETE), tuple("a2", ChangeOp.DELETE),
                        tuple("f1", ChangeOp.DELETE));
        assertThat(expired).allMatch(EntityChange::reconciled);
    }

    @Test
    void aPolledSnapshotSkipsEntitiesTheStreamTouchedSinceThePollWasSent() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode polledAt10 = cluster(); // the poll was sent at stream index 10 and saw t1 RUNNING, no t3
        model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t1", "a1", "TASK_FINISHED", "TASK_FINISHED"), 11);
        model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t3", "a2", "TASK_STAGING")), 12);

        List<EntityChange> changes = Snapshots.apply(model, EntityKind.STREAMED, polledAt10,
                SnapshotPolicy.RECONCILE, 10, T0);

        assertThat(changes).as("neither reverted nor deleted").isEmpty();
        assertThat(model.get(new EntityRef(EntityKind.TASK, "f1/t1")).path("state").asText())
                .isEqualTo("TASK_FINISHED");
    }

    @Test
    void aPartialSnapshotReconcilesOnlyTheKindsItCovers() {
        subscribed(cluster(), SnapshotPolicy.READ_CHANGES, T0);
        ObjectNode getAgents = JSON.createObjectNode();
        getAgents.putArray("agents").add(agent("a1", "h1").put("deactivated", true));
        getAgents.putArray("recovered_agents");

        ObjectNode agentsOnly = JSON.createObjectNode().set("get_agents", getAgents);
        List<EntityChange> changes = Snapshots.apply(model, Set.of(EntityKind.AGENT), agentsOnly,
                SnapshotPolicy.RECONCILE, 5, T0);

        assertThat(changes).extracting(c -> c.ref().key(), EntityChange::op)
                .containsExactlyInAnyOrder(tuple("a1", ChangeOp.UPDATE), tuple("a2", ChangeOp.DELETE));
        assertThat(published.keys(EntityKind.TASK)).hasSize(2);
    }
}
