package io.kafkaconnect.mesos.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every write call the leader applied, in order. Thread-safe. */
public final class OperationsLog {
  private final List<AppliedOperation> entries = new ArrayList<>();

  synchronized void append(AppliedOperation operation) {
    entries.add(operation);
  }

  /** A copy of the entries, oldest first. */
  public synchronized List<AppliedOperation> entries() {
    return List.copyOf(entries);
  }

  /** How many entries match. */
  public synchronized long count(Predicate<AppliedOperation> filter) {
    return entries.stream().filter(filter).count();
  }

  /** Entries of one call type, e.g. "RESERVE_RESOURCES". */
  public synchronized List<AppliedOperation> ofType(String callType) {
    return entries.stream().filter(e -> e.callType().equals(callType)).toList();
  }
}
