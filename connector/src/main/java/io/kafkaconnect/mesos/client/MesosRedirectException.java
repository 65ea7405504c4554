package io.kafkaconnect.mesos.client;

/** A redirect could not be followed: too many hops, a loop, a missing Location, or an https to http downgrade. */
public class MesosRedirectException extends MesosException {

    public MesosRedirectException(String message) {
        super(message);
    }
}
