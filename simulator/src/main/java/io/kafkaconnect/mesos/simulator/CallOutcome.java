package io.kafkaconnect.mesos.simulator;

import org.apache.mesos.v1.master.Protos.Response;

/** What a call produced: a Response to encode, an empty success, or an error status with its plain-text body. */
record CallOutcome(int status, Response response, String errorText) {

  static CallOutcome ok(Response response) {
    return new CallOutcome(200, response, null);
  }

  static CallOutcome empty(int status) {
    return new CallOutcome(status, null, null);
  }

  static CallOutcome error(int status, String text) {
    return new CallOutcome(status, null, text);
  }
}
