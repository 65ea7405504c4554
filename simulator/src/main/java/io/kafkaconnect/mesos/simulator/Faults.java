package io.kafkaconnect.mesos.simulator;

import io.kafkaconnect.mesos.simulator.stream.EventStreamHub;
import java.time.Duration;
import java.util.Objects;
import org.apache.mesos.v1.master.Protos.Call;

/** Faults injected on demand into the leading master's HTTP API and event streams. */
public final class Faults {
  private final EventStreamHub hub;
  private volatile Duration responseDelay = Duration.ZERO;
  private int failuresLeft;
  private int droppedWriteResponsesLeft;
  private Call.Type droppedWriteType;
  private long droppedWriteResponses;
  private int failureStatus;
  private String failureText;

  Faults(EventStreamHub hub) {
    this.hub = hub;
  }

  /** Closes every open SUBSCRIBE connection (clients see EOF). */
  public void dropAllStreams() {
    hub.closeAll();
  }

  /** Open streams get no bytes and no heartbeats until {@link #resumeStreams()}; events are kept, not lost. */
  public void stallStreams() {
    hub.stall();
  }

  public void resumeStreams() {
    hub.resume();
  }

  /** The next record of every stream open now gets a non-numeric RecordIO header. */
  public void garbageHeaderOnNextRecord() {
    hub.armGarbageHeader();
  }

  /** The next record of every stream open now declares {@code declaredSize} bytes (its real payload follows). */
  public void oversizedHeaderOnNextRecord(long declaredSize) {
    hub.armOversizedHeader(declaredSize);
  }

  /** The next record of every stream open now is cut after its header and half its payload, then the stream ends. */
  public void truncateNextRecord() {
    hub.armTruncate();
  }

  /**
   * Slows every non-stream call by {@code delay}. A write is applied first and only its response is delayed, so a client
   * that gives up during the delay leaves an applied call whose answer it never saw.
   */
  public void responseDelay(Duration delay) {
    this.responseDelay = Objects.requireNonNull(delay, "delay");
  }

  /** The next {@code count} calls (SUBSCRIBE included) fail with {@code status} and {@code textBody}, unapplied. */
  public synchronized void failNextCalls(int status, String textBody, int count) {
    if (status < 100 || status > 599 || count < 0) {
      throw new IllegalArgumentException("Bad status " + status + " or count " + count);
    }
    failureStatus = status;
    failureText = textBody == null ? "" : textBody;
    failuresLeft = count;
  }

  /**
   * The next {@code count} write calls are applied, then their connection is closed without any response: the client
   * sees the connection drop after sending, and cannot tell whether the write took effect.
   */
  public void dropNextWriteResponses(int count) {
    dropNextWriteResponses(null, count);
  }

  /** As {@link #dropNextWriteResponses(int)}, for calls of {@code type} only (null: any write). */
  public synchronized void dropNextWriteResponses(Call.Type type, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("Bad count " + count);
    }
    droppedWriteType = type;
    droppedWriteResponsesLeft = count;
  }

  /** How many write responses were dropped so far. */
  public synchronized long droppedWriteResponses() {
    return droppedWriteResponses;
  }

  /** Removes the delay, pending failures and dropped responses, and resumes stalled streams. */
  public synchronized void clear() {
    responseDelay = Duration.ZERO;
    failuresLeft = 0;
    droppedWriteResponsesLeft = 0;
    hub.resume();
  }

  Duration responseDelay() {
    return responseDelay;
  }

  /** An injected failure to answer with. */
  record InjectedFailure(int status, String text) {
  }

  /** Consumes one dropped write response for a call of {@code type}; false when none is pending. */
  synchronized boolean takeDroppedWriteResponse(Call.Type type) {
    if (droppedWriteResponsesLeft <= 0 || droppedWriteType != null && droppedWriteType != type) {
      return false;
    }
    droppedWriteResponsesLeft--;
    droppedWriteResponses++;
    return true;
  }

  /** Consumes one injected failure, or returns null. */
  synchronized InjectedFailure takeFailure() {
    if (failuresLeft <= 0) {
      return null;
    }
    failuresLeft--;
    return new InjectedFailure(failureStatus, failureText);
  }
}
