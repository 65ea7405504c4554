package io.kafkaconnect.mesos.client;

/** A RecordIO header declared a record larger than the configured limit; nothing was allocated for it. */
public class FrameTooLargeException extends RecordIoException {

    private final String declaredLength;
    private final long limit;

    public FrameTooLargeException(String declaredLength, long limit, String context) {
        super("RecordIO record of " + declaredLength + " bytes exceeds the limit of " + limit + " bytes (" + context
                + ")");
        this.declaredLength = declaredLength;
        this.limit = limit;
    }

    /** The declared length as sent (an unsigned 64-bit decimal, possibly beyond {@code Long.MAX_VALUE}). */
    public String declaredLength() {
        return declaredLength;
    }

    public long limit() {
        return limit;
    }
}
