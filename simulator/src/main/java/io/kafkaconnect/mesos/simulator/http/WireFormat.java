package io.kafkaconnect.mesos.simulator.http;

/** The two encodings the master speaks, by their exact media type. */
public enum WireFormat {
  JSON("application/json"),
  PROTOBUF("application/x-protobuf");

  private final String mediaType;

  WireFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }
}
