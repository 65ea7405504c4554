package io.kafkaconnect.mesos.sink;

/** What the parser made of one record: a command, or a typed refusal that still names the command id. */
public sealed interface ParseOutcome {

    SourcePosition source();

    /** A command ready for validation. */
    record Parsed(Command command) implements ParseOutcome {
        @Override
        public SourcePosition source() {
            return command.source();
        }
    }

    /**
     * The record is not a usable command.
     *
     * @param commandId   the id (from header, key, a readable envelope, or the record position)
     * @param callType    the call type if it could be read, else null
     * @param requestedBy the requester if it could be read, else null
     */
    record Unparsed(String commandId, SourcePosition source, String callType, String requestedBy,
                    CommandRejectedException error) implements ParseOutcome {
    }
}
