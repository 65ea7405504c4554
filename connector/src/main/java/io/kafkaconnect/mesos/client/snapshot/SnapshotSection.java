package io.kafkaconnect.mesos.client.snapshot;

/**
 * The lists of a {@code GetState} that carry entities, as {@code <group>.<list>} (e.g. {@code get_tasks.tasks}). Other
 * lists ({@code pending_tasks}, {@code orphan_*}, {@code recovered_frameworks}) are not read.
 */
public enum SnapshotSection {
    TASKS("get_tasks", "tasks"),
    UNREACHABLE_TASKS("get_tasks", "unreachable_tasks"),
    COMPLETED_TASKS("get_tasks", "completed_tasks"),
    EXECUTORS("get_executors", "executors"),
    FRAMEWORKS("get_frameworks", "frameworks"),
    COMPLETED_FRAMEWORKS("get_frameworks", "completed_frameworks"),
    AGENTS("get_agents", "agents"),
    RECOVERED_AGENTS("get_agents", "recovered_agents");

    private final String group;
    private final String list;

    SnapshotSection(String group, String list) {
        this.group = group;
        this.list = list;
    }

    /** The GetState field holding the list, e.g. {@code get_tasks}. */
    public String group() {
        return group;
    }

    /** The list's field name within its group, e.g. {@code completed_tasks}. */
    public String list() {
        return list;
    }

    /** The section for a list of a group, or null when the list is not read. */
    public static SnapshotSection of(String group, String list) {
        for (SnapshotSection section : values()) {
            if (section.group.equals(group) && section.list.equals(list)) {
                return section;
            }
        }
        return null;
    }

    /** True for a GetState field that holds sections. */
    public static boolean isGroup(String name) {
        for (SnapshotSection section : values()) {
            if (section.group.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
