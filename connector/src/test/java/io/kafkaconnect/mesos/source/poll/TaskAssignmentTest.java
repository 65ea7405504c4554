package io.kafkaconnect.mesos.source.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TaskAssignmentTest {

    private static final Set<PollGroup> ALL = EnumSet.allOf(PollGroup.class);

    @Test
    void oneTaskDoesEverything() {
        List<TaskAssignment.Assignment> tasks = TaskAssignment.assign(1, ALL);
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t.stream()).isTrue();
            assertThat(t.groups()).isEqualTo(ALL);
        });
    }

    @Test
    void withMoreTasksTheStreamTaskKeepsOnlyTheStateGroup() {
        List<TaskAssignment.Assignment> tasks = TaskAssignment.assign(3, ALL);
        assertThat(tasks).hasSize(3);
        assertThat(tasks.get(0).groups()).containsExactly(PollGroup.STATE);
        assertThat(tasks.get(1).groups()).hasSize(3);
        assertThat(tasks.get(2).groups()).hasSize(3);
    }

    @Test
    void neverMoreTasksThanWork() {
        assertThat(TaskAssignment.assign(50, ALL)).hasSize(ALL.size());
        assertThat(TaskAssignment.assign(5, EnumSet.of(PollGroup.METRICS))).hasSize(2);
        assertThat(TaskAssignment.assign(5, EnumSet.noneOf(PollGroup.class))).singleElement()
                .satisfies(t -> assertThat(t.stream()).isTrue());
    }

    @Test
    void rejectsZeroTasks() {
        assertThatThrownBy(() -> TaskAssignment.assign(0, ALL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void everyGroupRunsExactlyOnceAndExactlyOneTaskHoldsTheStream(@ForAll @IntRange(min = 1, max = 20) int maxTasks,
                                                                  @ForAll Set<PollGroup> enabled) {
        List<TaskAssignment.Assignment> tasks = TaskAssignment.assign(maxTasks, enabled);
        assertThat(tasks).hasSizeLessThanOrEqualTo(maxTasks);
        assertThat(tasks).filteredOn(TaskAssignment.Assignment::stream).hasSize(1);
        Set<PollGroup> seen = new HashSet<>();
        int total = 0;
        for (TaskAssignment.Assignment task : tasks) {
            seen.addAll(task.groups());
            total += task.groups().size();
        }
        assertThat(seen).isEqualTo(enabled);
        assertThat(total).isEqualTo(enabled.size());
        if (enabled.contains(PollGroup.STATE)) {
            assertThat(tasks.get(0).groups()).contains(PollGroup.STATE);
        }
    }
}
