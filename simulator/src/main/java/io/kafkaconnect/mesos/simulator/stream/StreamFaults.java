package io.kafkaconnect.mesos.simulator.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One-shot framing faults armed by tests; the next record written on any stream consumes each. */
public final class StreamFaults {
  private final AtomicBoolean garbageHeader = new AtomicBoolean();
  private final AtomicLong oversizedHeader = new AtomicLong(-1);
  private final AtomicBoolean truncate = new AtomicBoolean();

  public void armGarbageHeader() {
    garbageHeader.set(true);
  }

  public void armOversizedHeader(long declaredSize) {
    if (declaredSize < 0) {
      throw new IllegalArgumentException("declaredSize must be >= 0");
    }
    oversizedHeader.set(declaredSize);
  }

  public void armTruncate() {
    truncate.set(true);
  }

  boolean takeGarbageHeader() {
    return garbageHeader.getAndSet(false);
  }

  /** The armed declared size, or -1. */
  long takeOversizedHeader() {
    return oversizedHeader.getAndSet(-1);
  }

  boolean takeTruncate() {
    return truncate.getAndSet(false);
  }
}
