package io.kafkaconnect.mesos.client;

/**
 * The event stream is not valid RecordIO: a header that is not a decimal length, more than 20 header digits, or a
 * stream that ends inside a header or a record. The stream cannot be resynchronised after this.
 */
public class RecordIoException extends MesosException {

    public RecordIoException(String message) {
        super(message);
    }
}
