package io.kafkaconnect.mesos.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A test-side SUBSCRIBE client: opens the stream and reads RecordIO records from it. */
final class RecordIoStream implements AutoCloseable {
  final HttpResponse<InputStream> response;
  private final InputStream in;

  private RecordIoStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.in = response.body();
  }

  static RecordIoStream open(URI base, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}"));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return new RecordIoStream(TestHttp.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  static RecordIoStream open(URI base) throws Exception {
    return open(base, "application/json");
  }

  /** The next record's payload; EOFException at a clean end of stream. */
  byte[] nextRecord() throws IOException {
    StringBuilder header = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("end of stream after header bytes '" + header + "'");
      }
      if (b == '\n') {
        break;
      }
      header.append((char) b);
    }
    long length;
    try {
      length = Long.parseLong(header.toString());
    } catch (NumberFormatException e) {
      throw new IOException("Bad RecordIO header '" + header + "'");
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      throw new EOFException("truncated record: " + payload.length + " of " + length);
    }
    return payload;
  }

  JsonNode nextJson() throws IOException {
    return TestHttp.JSON.readTree(nextRecord());
  }

  /** The next event that is not a HEARTBEAT. */
  JsonNode nextEvent() throws IOException {
    while (true) {
      JsonNode event = nextJson();
      if (!"HEARTBEAT".equals(event.path("type").asText())) {
        return event;
      }
    }
  }

  /** Reads one RecordIO header line (without the newline) and nothing more. */
  String nextHeader() throws IOException {
    StringBuilder header = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      header.append((char) b);
    }
    return header.toString();
  }

  InputStream raw() {
    return in;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
