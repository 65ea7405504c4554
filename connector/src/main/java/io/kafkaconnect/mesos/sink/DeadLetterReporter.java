package io.kafkaconnect.mesos.sink;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands that were not applied to Connect's dead-letter queue, with the reason in headers:
 * {@code mesos.sink.command.id}, {@code mesos.sink.state}, {@code mesos.sink.reason}, {@code mesos.sink.error} and,
 * when the master answered, {@code mesos.sink.http.status}. Waits until the DLQ write is done. Without a DLQ
 * ({@code errors.tolerance} not {@code all} or no DLQ topic), the result topic is the only report.
 */
public final class DeadLetterReporter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReporter.class);

    public static final String HEADER_COMMAND_ID = "mesos.sink.command.id";
    public static final String HEADER_STATE = "mesos.sink.state";
    public static final String HEADER_REASON = "mesos.sink.reason";
    public static final String HEADER_ERROR = "mesos.sink.error";
    public static final String HEADER_HTTP_STATUS = "mesos.sink.http.status";

    private final ErrantRecordReporter reporter;
    private boolean warnedMissing;

    /** @param reporter Connect's reporter, or null when the worker offers none */
    public DeadLetterReporter(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** @return whether the record was handed to a DLQ */
    public boolean report(SinkRecord record, ResultRecord result) {
        if (reporter == null) {
            synchronized (this) {
                if (!warnedMissing) {
                    LOG.warn("No dead-letter queue configured (errors.tolerance=all and "
                            + "errors.deadletterqueue.topic.name); refused commands are reported on the result topic "
                            + "only");
                    warnedMissing = true;
                }
            }
            return false;
        }
        CommandNotAppliedException error = new CommandNotAppliedException(result.state()
                + (result.reason() == null ? "" : " (" + result.reason() + ")") + " command " + result.commandId()
                + ": " + result.error());
        Future<Void> done = reporter.report(withHeaders(record, result), error);
        try {
            done.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResultPublishException("interrupted while writing to the DLQ", e);
        } catch (ExecutionException e) {
            throw new ResultPublishException("could not write command " + result.commandId() + " to the DLQ",
                    e.getCause());
        }
    }

    /**
     * A plain copy of the record with the sink's headers added. Connect re-serialises a plain record with the
     * connector's converters, which is what carries the added headers into the DLQ.
     */
    static SinkRecord withHeaders(SinkRecord record, ResultRecord result) {
        Headers headers = new ConnectHeaders(record.headers());
        headers.addString(HEADER_COMMAND_ID, result.commandId());
        headers.addString(HEADER_STATE, result.state().name());
        headers.addString(HEADER_REASON, result.reason() == null ? result.state().name() : result.reason());
        headers.addString(HEADER_ERROR, result.error());
        if (result.httpStatus() != null) {
            headers.addInt(HEADER_HTTP_STATUS, result.httpStatus());
        }
        return new SinkRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.kafkaOffset(), record.timestamp(),
                record.timestampType(), headers);
    }
}
