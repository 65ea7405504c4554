package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkaconnect.mesos.client.MesosVersion;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record from the command topic to a reported final state: parse, skip a command id that is already final
 * (DUPLICATE), validate, dry-run or execute, then publish the result, report a command that was not applied to the
 * DLQ, and finally record the final state in the ledger. That order means a crash can repeat a report but never lose
 * one, and never lets the ledger claim a state that was not reported.
 * <p>
 * The final ledger record is sent without waiting for it: the partition's next command writes its PENDING record
 * while it travels. The ledger record of the previous command ({@code earlier}) must be durable before this command's
 * call is sent and before its own final record is sent, so a partition's ledger records become durable in order and
 * no call of a partition is made while an earlier command of it could still be taken for in doubt.
 * Throws {@link LedgerException} or {@link ResultPublishException} when an outcome could not be made durable, and
 * {@link CommandInterruptedException} when the task stopped before the outcome was known.
 */
public final class CommandProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    private final CommandParser parser;
    private final CommandValidator validator;
    private final CommandExecutor executor;
    private final Ledger ledger;
    private final ResultPublisher results;
    private final DeadLetterReporter deadLetters;
    private final MasterGateway master;
    private final SinkMetrics metrics;
    private final Function<Call, JsonNode> callJson;
    private final Clock clock;
    private final boolean dryRunAll;
    /** One command id is processed by one thread at a time in this task, even if it appears in two partitions. */
    private final ConcurrentHashMap<String, IdLock> inFlight = new ConcurrentHashMap<>();

    public CommandProcessor(CommandParser parser, CommandValidator validator, CommandExecutor executor, Ledger ledger,
                            ResultPublisher results, DeadLetterReporter deadLetters, MasterGateway master,
                            SinkMetrics metrics, Function<Call, JsonNode> callJson, Clock clock, boolean dryRunAll) {
        this.parser = parser;
        this.validator = validator;
        this.executor = executor;
        this.ledger = ledger;
        this.results = results;
        this.deadLetters = deadLetters;
        this.master = master;
        this.metrics = metrics;
        this.callJson = callJson;
        this.clock = clock;
        this.dryRunAll = dryRunAll;
    }

    /**
     * A command taken to its reported final state. {@code durable} completes once its ledger record and those of the
     * earlier commands of its partition are durable (for a state the ledger does not hold, it is the earlier write).
     */
    public record Processed(ResultRecord result, LedgerWrite durable) {
    }

    /** Processes one record and waits until its final state is durable; returns its reported result. */
    public ResultRecord process(SinkRecord record) {
        Processed processed = process(record, LedgerWrite.DONE);
        processed.durable().awaitDurable();
        return processed.result();
    }

    /**
     * Processes one record, the next of its partition after the one whose ledger write is {@code earlier}. Returns
     * once the result is published; the returned write completes when the final state is durable.
     */
    public Processed process(SinkRecord record, LedgerWrite earlier) {
        ParseOutcome parsed = parser.parse(record);
        String id = parsed instanceof ParseOutcome.Parsed p ? p.command().id()
                : ((ParseOutcome.Unparsed) parsed).commandId();
        IdLock lock = inFlight.compute(id, (k, v) -> {
            IdLock l = v == null ? new IdLock() : v;
            l.users++;
            return l;
        });
        lock.lock.lock();
        try {
            return processExclusively(record, parsed, id, earlier);
        } finally {
            lock.lock.unlock();
            inFlight.compute(id, (k, v) -> --v.users == 0 ? null : v);
        }
    }

    /** A per-command-id lock, dropped when no thread uses it. */
    private static final class IdLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private Processed processExclusively(SinkRecord record, ParseOutcome parsed, String id, LedgerWrite earlier) {
        long start = clock.millis();
        Optional<LedgerEntry> known = ledger.get(id);
        if (known.isPresent() && known.get().state().isFinal()) {
            LedgerEntry entry = known.get();
            Outcome duplicate = new Outcome(CommandState.DUPLICATE, null, "command id already " + entry.state()
                    + (entry.source() == null ? "" : " (from " + entry.source().asCommandId() + ")")
                    + "; not sent again", null, 0,
                    clock.millis() - start, false, null);
            return report(record, parsed, duplicate, entry.callType(), earlier);
        }
        if (parsed instanceof ParseOutcome.Unparsed u) {
            LOG.warn("Record {} is not a usable command ({}): {}", u.source().asCommandId(), u.error().reason(),
                    u.error().detail());
            return report(record, parsed, rejected(u.error(), null, start), u.callType(), earlier);
        }
        Command command = ((ParseOutcome.Parsed) parsed).command();
        CallSpec spec;
        try {
            spec = validator.validate(command, masterVersion(), clock.millis());
        } catch (CommandRejectedException e) {
            LOG.warn("Command {} ({}) refused: {}", id, command.type(), e.getMessage());
            return report(record, parsed, rejected(e, command.call(), start), typeName(command), earlier);
        }
        if (command.dryRun() || dryRunAll) {
            Outcome dry = new Outcome(CommandState.DRY_RUN, null, null, null, 0, clock.millis() - start, false,
                    executor.prepare(command));
            return report(record, parsed, dry, spec.type().name(), earlier);
        }
        Outcome outcome;
        try {
            outcome = executor.execute(command, spec, earlier);
        } catch (LedgerException | CommandInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug must cost one command, not the task.
            LOG.error("Command {} ({}) failed unexpectedly", id, spec.type(), e);
            outcome = new Outcome(CommandState.FAILED, null, "internal error: " + e, null, 0,
                    clock.millis() - start, false, command.call());
        }
        return report(record, parsed, outcome, spec.type().name(), earlier);
    }

    private MesosVersion masterVersion() {
        try {
            return master.version();
        } catch (RuntimeException e) {
            LOG.debug("Master version unknown: {}", e.getMessage());
            return null;
        }
    }

    private Outcome rejected(CommandRejectedException e, Call call, long start) {
        return new Outcome(e.reason().state(), null, e.detail(), e.reason(), 0, clock.millis() - start, false, call);
    }

    private static String typeName(Command command) {
        return command.call().hasType() ? command.type().name() : null;
    }

    private Processed report(SinkRecord record, ParseOutcome parsed, Outcome outcome, String callType,
                             LedgerWrite earlier) {
        Command command = parsed instanceof ParseOutcome.Parsed p ? p.command() : null;
        String id = command != null ? command.id() : ((ParseOutcome.Unparsed) parsed).commandId();
        String requestedBy = command != null ? command.requestedBy() : ((ParseOutcome.Unparsed) parsed).requestedBy();
        String reason = outcome.rejectReason() != null ? outcome.rejectReason().name()
                : outcome.state() == CommandState.FAILED ? "FAILED" : null;
        ResultRecord result = new ResultRecord(id, callType, outcome.state(), outcome.httpStatus(), reason,
                outcome.error(), outcome.attempts(), outcome.latencyMs(), outcome.effectVerified(),
                command != null && (command.dryRun() || dryRunAll), requestedBy, parsed.source(), clock.millis(),
                safeJson(outcome.call()));
        results.publish(result);
        CommandState state = outcome.state();
        if (state == CommandState.REJECTED || state == CommandState.EXPIRED || state == CommandState.FAILED) {
            if (deadLetters.report(record, result)) {
                metrics.reportedToDlq();
            }
        }
        LedgerWrite written = earlier;
        if (state.isRecordedInLedger()) {
            earlier.awaitDurable();
            written = ledger.send(new LedgerEntry(id, state, callType, outcome.attempts(), clock.millis(),
                    parsed.source(), outcome.error(), null));
        }
        metrics.commandFinished(callType, state);
        return new Processed(result, written);
    }

    private JsonNode safeJson(Call call) {
        if (call == null) {
            return null;
        }
        try {
            return callJson.apply(call);
        } catch (RuntimeException e) {
            LOG.debug("Cannot render the call as JSON for the result record: {}", e.getMessage());
            return null;
        }
    }
}
