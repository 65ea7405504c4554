package io.kafkaconnect.mesos.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mesos release number as reported by GET_VERSION ({@code version_info.version}), e.g. {@code 1.11.0}. Suffixes
 * such as {@code -rc1} or {@code -SNAPSHOT} are kept in {@link #raw()} and ignored for ordering.
 */
public record MesosVersion(int major, int minor, int patch, String raw) implements Comparable<MesosVersion> {

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** Parses {@code major[.minor[.patch]][suffix]}; throws IllegalArgumentException for anything else. */
    public static MesosVersion parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Matcher m = NUMBERS.matcher(trimmed);
        if (!m.find()) {
            throw new IllegalArgumentException("not a Mesos version: '" + text + "'");
        }
        return new MesosVersion(Integer.parseInt(m.group(1)), group(m, 2), group(m, 3), trimmed);
    }

    /** A version with no suffix. */
    public static MesosVersion of(int major, int minor, int patch) {
        return new MesosVersion(major, minor, patch, major + "." + minor + "." + patch);
    }

    private static int group(Matcher m, int index) {
        return m.group(index) == null ? 0 : Integer.parseInt(m.group(index));
    }

    /** True if this version is {@code major.minor} or newer. */
    public boolean atLeast(int major, int minor) {
        return compareTo(of(major, minor, 0)) >= 0;
    }

    @Override
    public int compareTo(MesosVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return raw;
    }
}
