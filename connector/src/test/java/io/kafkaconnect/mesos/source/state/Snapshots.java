package io.kafkaconnect.mesos.source.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.kafkaconnect.mesos.client.snapshot.SnapshotEntity;
import io.kafkaconnect.mesos.client.snapshot.SnapshotReaders;

/** Reconciles a whole GetState tree in one go, as the tests need it. */
final class Snapshots {

    private Snapshots() {
    }

    static List<EntityChange> apply(EntityModel model, Set<EntityKind> covered, JsonNode getState,
                                    SnapshotPolicy policy, long touchedAfter, Instant now) {
        SnapshotReconciliation reconciliation = model.reconcile(covered, policy, touchedAfter, now);
        List<EntityChange> changes = new ArrayList<>();
        for (SnapshotEntity entity : SnapshotReaders.entitiesOf(getState)) {
            reconciliation.accept(entity.section(), entity.value(), changes);
        }
        reconciliation.finish(Integer.MAX_VALUE, changes);
        return changes;
    }
}
