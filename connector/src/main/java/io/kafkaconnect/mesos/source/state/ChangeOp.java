package io.kafkaconnect.mesos.source.state;

/** What a record says happened to an entity; mapped one to one onto the record's {@code op} field. */
public enum ChangeOp {
    CREATE, UPDATE, DELETE, READ
}
