package io.kafkaconnect.mesos.source.poll;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which task does what: task 0 holds the SUBSCRIBE stream and the {@link PollGroup#STATE} polls (their results are
 * reconciled with the stream); the other groups are spread round-robin over the remaining tasks, or all run on task 0
 * when it is the only one. Never more tasks than there is work for.
 */
public final class TaskAssignment {

    /** What one task runs. */
    public record Assignment(int taskIndex, boolean stream, Set<PollGroup> groups) {
    }

    private TaskAssignment() {
    }

    public static List<Assignment> assign(int maxTasks, Set<PollGroup> enabledGroups) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("tasks.max must be at least 1");
        }
        List<PollGroup> others = enabledGroups.stream().filter(g -> g != PollGroup.STATE).sorted().toList();
        int tasks = Math.min(maxTasks, 1 + others.size());
        List<Set<PollGroup>> groups = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            groups.add(new LinkedHashSet<>());
        }
        if (enabledGroups.contains(PollGroup.STATE)) {
            groups.get(0).add(PollGroup.STATE);
        }
        for (int i = 0; i < others.size(); i++) {
            int task = tasks == 1 ? 0 : 1 + i % (tasks - 1);
            groups.get(task).add(others.get(i));
        }
        List<Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            assignments.add(new Assignment(i, i == 0, Set.copyOf(groups.get(i))));
        }
        return assignments;
    }
}
