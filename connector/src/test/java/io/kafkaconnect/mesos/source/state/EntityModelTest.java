package io.kafkaconnect.mesos.source.state;

import static io.kafkaconnect.mesos.source.state.MesosJsonFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Live events applied to the model, and the records they yield. */
class EntityModelTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final PublishedState published = new PublishedState();
    private final EntityModel model = new EntityModel(published, new RecoveryHolds(Duration.ofMinutes(10)));

    private void baseline(ObjectNode getState) {
        Snapshots.apply(model, EntityKind.STREAMED, getState, SnapshotPolicy.READ_CHANGES, Long.MAX_VALUE, NOW);
    }

    @Test
    void taskAddedThenUpdatedPublishesTheFullLatestTask() {
        baseline(getState(List.of(agent("a1", "h1")), List.of(framework("f1", "fw")), List.of(), List.of()));
        ObjectNode task = task("f1", "t1", "a1", "TASK_STAGING");

        List<EntityChange> added = model.applyEvent("TASK_ADDED", taskAdded(task), 1);
        assertThat(added).extracting(c -> c.ref().key(), EntityChange::op, EntityChange::reconciled)
                .containsExactly(tuple("f1/t1", ChangeOp.CREATE, false));

        List<EntityChange> updated = model.applyEvent("TASK_UPDATED",
                taskUpdated("f1", "t1", "a1", "TASK_RUNNING", "TASK_RUNNING"), 2);
        assertThat(updated).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.UPDATE);
            assertThat(c.value().path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(c.value().path("name").asText()).isEqualTo("task t1");
            assertThat(c.value().path("statuses")).hasSize(2);
            assertThat(c.value().path("statuses").get(1).path("state").asText()).isEqualTo("TASK_RUNNING");
        });
    }

    @Test
    void aChangeKeepsItsValueWhenLaterUpdatesArrive() {
        ObjectNode added = taskAdded(task("f1", "t1", "a1", "TASK_STAGING"));
        String addedBefore = added.toString();
        model.applyEvent("TASK_ADDED", added, 1);
        EntityChange running = model.applyEvent("TASK_UPDATED",
                taskUpdated("f1", "t1", "a1", "TASK_RUNNING", "TASK_RUNNING"), 2).get(0);
        String runningBefore = running.value().toString();

        EntityChange finished = model.applyEvent("TASK_UPDATED",
                taskUpdated("f1", "t1", "a1", "TASK_FINISHED", "TASK_FINISHED"), 3).get(0);

        assertThat(running.value().toString()).isEqualTo(runningBefore);
        assertThat(added.toString()).as("the event tree").isEqualTo(addedBefore);
        assertThat(finished.value().path("statuses")).hasSize(3);
        assertThat(finished.value().path("state").asText()).isEqualTo("TASK_FINISHED");
    }

    @Test
    void aTaskPushedOutOfTheRecentTreesKeepsItsLatestState() {
        model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t0", "a1", "TASK_STAGING")), 1);
        model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t0", "a1", "TASK_RUNNING", "TASK_RUNNING"), 2);
        for (int i = 1; i <= EntityModel.RECENT_TASKS; i++) {
            model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t" + i, "a1", "TASK_STAGING")), 2 + i);
        }
        EntityRef t0 = new EntityRef(EntityKind.TASK, "f1/t0");
        assertThat(model.get(t0).path("state").asText()).isEqualTo("TASK_RUNNING");

        List<EntityChange> finished = model.applyEvent("TASK_UPDATED",
                taskUpdated("f1", "t0", "a1", "TASK_FINISHED", "TASK_FINISHED"), 10_000);
        assertThat(finished).singleElement().satisfies(c -> {
            assertThat(c.value().path("name").asText()).isEqualTo("task t0");
            assertThat(c.value().path("statuses")).extracting(s -> s.path("state").asText())
                    .containsExactly("TASK_STAGING", "TASK_RUNNING", "TASK_FINISHED");
        });
    }

    @Test
    void aDeleteCarriesTheLatestLiveState() {
        model.applyEvent("TASK_ADDED", taskAdded(task("f1", "t1", "a1", "TASK_STAGING")), 1);
        model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t1", "a1", "TASK_RUNNING", "TASK_RUNNING"), 2);
        List<EntityChange> changes = model.applyEvent("AGENT_REMOVED", agentRemoved("a1"), 3);
        assertThat(changes).filteredOn(c -> c.ref().kind() == EntityKind.TASK).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.DELETE);
            assertThat(c.value().path("state").asText()).isEqualTo("TASK_RUNNING");
            assertThat(c.value().path("statuses")).hasSize(2);
        });
        assertThat(model.get(new EntityRef(EntityKind.TASK, "f1/t1"))).isNull();
    }

    @Test
    void taskStateMayBeNewerThanTheStatusState() {
        baseline(getState(List.of(agent("a1", "h1")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_STARTING")), List.of()));
        List<EntityChange> updated = model.applyEvent("TASK_UPDATED",
                taskUpdated("f1", "t1", "a1", "TASK_FINISHED", "TASK_RUNNING"), 1);
        assertThat(updated).singleElement()
                .satisfies(c -> assertThat(c.value().path("state").asText()).isEqualTo("TASK_FINISHED"));
    }

    @Test
    void aRepeatedUpdateThatChangesNothingIsNotRepublished() {
        baseline(getState(List.of(agent("a1", "h1")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_RUNNING")), List.of()));
        assertThat(model.applyEvent("TASK_UPDATED", taskUpdated("f1", "t1", "a1", "TASK_RUNNING", "TASK_RUNNING"), 1))
                .isEmpty();
    }

    @Test
    void anUpdateForAnUnknownTaskPublishesWhatItCarries() {
        List<EntityChange> changes = model.applyEvent("TASK_UPDATED",
                taskUpdated("f9", "t9", "a9", "TASK_KILLED", "TASK_KILLED"), 1);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.CREATE);
            assertThat(c.ref()).isEqualTo(new EntityRef(EntityKind.TASK, "f9/t9"));
            assertThat(c.value().path("agent_id").path("value").asText()).isEqualTo("a9");
            assertThat(c.value().path("state").asText()).isEqualTo("TASK_KILLED");
        });
    }

    @Test
    void agentRemovedDeletesTheAgentWithItsTasksAndExecutors() {
        baseline(getState(List.of(agent("a1", "h1"), agent("a2", "h2")), List.of(framework("f1", "fw")),
                List.of(task("f1", "t1", "a1", "TASK_LOST"), task("f1", "t2", "a2", "TASK_RUNNING")),
                List.of(executor("a1", "f1", "e1"))));

        List<EntityChange> changes = model.applyEvent("AGENT_REMOVED", agentRemoved("a1"), 1);

        assertThat(changes).extracting(c -> c.ref().kind(), c -> c.ref().key(), EntityChange::op)
                .containsExactlyInAnyOrder(
                        tuple(EntityKind.TASK, "f1/t1", ChangeOp.DELETE),
                        tuple(EntityKind.EXECUTOR, "a1/f1/e1", ChangeOp.DELETE),
                        tuple(EntityKind.AGENT, "a1", ChangeOp.DELETE));
        assertThat(changes.get(changes.size() - 1).ref().kind()).isEqualTo(EntityKind.AGENT);
        assertThat(changes).allSatisfy(c -> assertThat(c.value()).isNotNull());
        assertThat(published.keys(EntityKind.TASK)).containsExactly("f1/t2");
    }

    @Test
    void afterARestartAgentRemovedDeletesTasksKnownOnlyFromTheReadBack() {
        published.put(new EntityRef(EntityKind.TASK, "f1/t1"), new PublishedEntry(7, "a1", "f1"));
        published.put(new EntityRef(EntityKind.TASK, "f1/t2"), new PublishedEntry(8, "a2", "f1"));
        published.put(new EntityRef(EntityKind.AGENT, "a1"), new PublishedEntry(9, null, null));
        EntityModel restarted = new EntityModel(published, new RecoveryHolds(Duration.ofMinutes(10)));

        List<EntityChange> changes = restarted.applyEvent("AGENT_REMOVED", agentRemoved("a1"), 1);

        assertThat(changes).extracting(c -> c.ref().key(), EntityChange::op)
                .containsExactly(tuple("f1/t1", ChangeOp.DELETE), tuple("a1", ChangeOp.DELETE));
        assertThat(published.keys(EntityKind.TASK)).containsExactly("f1/t2");
    }

    @Test
    void frameworkRemovedDeletesTheFrameworkWithItsTasksAndExecutors() {
        baseline(getState(List.of(agent("a1", "h1")), List.of(framework("f1", "fw"), framework("f2", "other")),
                List.of(task("f1", "t1", "a1", "TASK_KILLED"), task("f2", "t1", "a1", "TASK_RUNNING")),
                List.of(executor("a1", "f1", "e1"))));

        List<EntityChange> changes = model.applyEvent("FRAMEWORK_REMOVED", frameworkRemoved("f1"), 1);

        assertThat(changes).extracting(c -> c.ref().key()).containsExactlyInAnyOrder("f1/t1", "a1/f1/e1", "f1");
        assertThat(changes).allMatch(EntityChange::isDelete);
        assertThat(published.keys(EntityKind.TASK)).containsExactly("f2/t1");
    }

    @Test
    void frameworkAndAgentEventsUpsertByDigest() {
        ObjectNode fw = framework("f1", "fw");
        assertThat(model.applyEvent("FRAMEWORK_ADDED", frameworkEvent("FRAMEWORK_ADDED", fw), 1))
                .extracting(EntityChange::op).containsExactly(ChangeOp.CREATE);
        assertThat(model.applyEvent("FRAMEWORK_UPDATED", frameworkEvent("FRAMEWORK_UPDATED", fw), 2)).isEmpty();
        fw.put("connected", false);
        assertThat(model.applyEvent("FRAMEWORK_UPDATED", frameworkEvent("FRAMEWORK_UPDATED", fw), 3))
                .extracting(EntityChange::op).containsExactly(ChangeOp.UPDATE);
        assertThat(model.applyEvent("AGENT_ADDED", agentAdded(agent("a1", "h1")), 4))
                .extracting(c -> c.ref().key()).containsExactly("a1");
    }

    @Test
    void malformedAndUnknownEventsChangeNothingAndDoNotThrow() {
        ObjectNode noIds = JSON.createObjectNode().put("type", "TASK_UPDATED");
        noIds.putObject("task_updated").put("state", "TASK_RUNNING");
        assertThat(model.applyEvent("TASK_UPDATED", noIds, 1)).isEmpty();
        assertThat(model.applyEvent("TASK_ADDED", JSON.createObjectNode(), 2)).isEmpty();
        assertThat(model.applyEvent("AGENT_REMOVED", JSON.createObjectNode(), 3)).isEmpty();
        assertThat(model.applyEvent("FRAMEWORK_REMOVED", JSON.createObjectNode(), 4)).isEmpty();
        assertThat(model.applyEvent("OPERATION_UPDATED", JSON.createObjectNode().put("type", "X"), 5)).isEmpty();
        assertThat(model.applyEvent("HEARTBEAT", JSON.createObjectNode(), 6)).isEmpty();
    }
}
