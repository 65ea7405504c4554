package io.kafkaconnect.mesos.simulator;

/** A call the master rejects with {@code status} and a plain-text body; thrown before any state changes. */
final class CallFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  CallFailure(int status, String text) {
    super(text, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
