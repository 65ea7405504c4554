package io.kafkaconnect.mesos.sink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mesos release number, compared by major, minor and patch. Suffixes such as {@code -rc1} or {@code -SNAPSHOT} are
 * ignored for comparison.
 */
public record MesosVersion(int major, int minor, int patch) implements Comparable<MesosVersion> {

    private static final Pattern FORM = Pattern.compile("^\\s*(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*$");

    /** Parses {@code 1.11.0}, {@code 1.9}, {@code 1.10.0-rc2}; throws {@link IllegalArgumentException} otherwise. */
    public static MesosVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a Mesos version: " + text);
        }
        return new MesosVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public static MesosVersion of(int major, int minor) {
        return new MesosVersion(major, minor, 0);
    }

    public boolean isAtLeast(MesosVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(MesosVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
