package io.kafkaconnect.mesos.simulator;

import java.util.Objects;

/** A Mesos release number; gates which calls, events and fields the simulated master knows. */
public record MesosVersion(int major, int minor, int patch) implements Comparable<MesosVersion> {

  /** Parses "1.11.0" (a missing patch counts as 0). */
  public static MesosVersion parse(String text) {
    Objects.requireNonNull(text, "version");
    String[] parts = text.trim().split("\\.");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("Not a Mesos version: " + text);
    }
    try {
      return new MesosVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          parts.length == 3 ? Integer.parseInt(parts[2]) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Not a Mesos version: " + text, e);
    }
  }

  public boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
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
    return major + "." + minor + "." + patch;
  }
}
