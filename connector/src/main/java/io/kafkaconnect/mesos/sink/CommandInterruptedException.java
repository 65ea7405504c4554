package io.kafkaconnect.mesos.sink;

/**
 * The task is stopping (its thread was interrupted) before the command's outcome was known. Nothing is reported: the
 * command stays unfinished (PENDING if it got that far) and is consumed again, by whichever task owns it next.
 */
public class CommandInterruptedException extends RuntimeException {

    public CommandInterruptedException(String message) {
        super(message);
    }
}
