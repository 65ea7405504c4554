package io.kafkaconnect.mesos.simulator.stream;

import io.kafkaconnect.mesos.simulator.http.WireFormat;
import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import org.apache.mesos.v1.master.Protos.Event;

/** One event, encoded at most once per wire format however many subscribers receive it. */
final class EncodedEvent {
  private final Event event;
  private byte[] json;
  private byte[] protobuf;

  EncodedEvent(Event event) {
    this.event = event;
  }

  Event event() {
    return event;
  }

  synchronized byte[] bytes(WireFormat format) {
    if (format == WireFormat.JSON) {
      if (json == null) {
        json = MesosJsonWriter.toBytes(event);
      }
      return json;
    }
    if (protobuf == null) {
      protobuf = event.toByteArray();
    }
    return protobuf;
  }
}
