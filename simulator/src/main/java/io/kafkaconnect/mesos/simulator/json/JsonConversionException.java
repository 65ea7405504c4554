package io.kafkaconnect.mesos.simulator.json;

/** A request body that cannot be mapped onto a protobuf message; the message is the text Mesos would put after its prefix. */
public final class JsonConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether the body was not JSON at all (as opposed to JSON that does not fit the message). */
  private final boolean syntaxError;

  public JsonConversionException(String message, boolean syntaxError) {
    super(message);
    this.syntaxError = syntaxError;
  }

  public boolean isSyntaxError() {
    return syntaxError;
  }
}
