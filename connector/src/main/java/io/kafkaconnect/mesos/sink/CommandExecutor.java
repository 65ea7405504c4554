package io.kafkaconnect.mesos.sink;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.kafkaconnect.mesos.client.RetryPolicy;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one validated command to a final state, exactly once in effect:
 * <ol>
 *   <li>A PENDING ledger entry means a previous attempt may have been applied. Additive calls are sent again only if
 *       {@link EffectVerifier} finds the effect absent; convergent calls are re-sent.</li>
 *   <li>PENDING is written (durably) before the call, and the call waits until the ledger records of the earlier
 *       commands of its partition are durable too (they may still be on their way when this command starts).</li>
 *   <li>2xx is APPLIED; 409 is ALREADY_APPLIED if the effect is present, otherwise REJECTED; other 4xx and 501 are
 *       REJECTED; 503, 5xx and I/O errors are retried with full-jitter backoff up to the policy's limit, then FAILED.
 *       An additive call whose request may have arrived (an I/O error after sending) is verified before any retry;
 *       a convergent one is re-sent, and if the master refuses the re-send its effect is looked for first.</li>
 *   <li>The final state is returned; the caller publishes the result and then records it in the ledger.</li>
 * </ol>
 * Throws only {@link LedgerException} or, when the task is stopping, {@link CommandInterruptedException} (the command
 * then stays unfinished and is consumed again).
 */
public final class CommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final MasterGateway master;
    private final Ledger ledger;
    private final EffectVerifier verifier;
    private final ReservationTagger tagger;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final SinkMetrics metrics;
    private final boolean verifyAfterSuccess;
    private final Random random = new Random();

    /**
     * @param tagger             null when reservation tagging is off
     * @param verifyAfterSuccess read the master's state after an additive call succeeds, to report it verified
     */
    public CommandExecutor(MasterGateway master, Ledger ledger, EffectVerifier verifier, ReservationTagger tagger,
                           RetryPolicy retry, Sleeper sleeper, Clock clock, SinkMetrics metrics,
                           boolean verifyAfterSuccess) {
        this.master = master;
        this.ledger = ledger;
        this.verifier = verifier;
        this.tagger = tagger;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.metrics = metrics;
        this.verifyAfterSuccess = verifyAfterSuccess;
    }

    /** The call exactly as it will be sent for {@code command} (tagged when tagging is on). */
    public Call prepare(Command command) {
        return tagger == null ? command.call() : tagger.tag(command.call(), command.id());
    }

    /** The mutable progress of one execution. */
    private final class Run {
        final Command command;
        final CallSpec spec;
        final Call call;
        final long startMs;
        int attempts;
        Integer lastStatus;
        String lastError;
        /** An additive call may have reached the master; verify before sending again. */
        boolean unverifiedSend;
        /** An earlier attempt of this run may have been applied: its answer was lost. */
        boolean answerLost;
        boolean sentThisRun;

        Run(Command command, CallSpec spec, Call call, int priorAttempts) {
            this.command = command;
            this.spec = spec;
            this.call = call;
            this.startMs = clock.millis();
            this.attempts = priorAttempts;
        }

        Outcome finish(CommandState state, String error, RejectReason reason, boolean verified) {
            return new Outcome(state, lastStatus, error, reason, attempts, clock.millis() - startMs, verified, call);
        }
    }

    /**
     * @param earlier the ledger write of the partition's previous command, durable before any call is sent
     */
    public Outcome execute(Command command, CallSpec spec, LedgerWrite earlier) {
        Call call = prepare(command);
        Optional<LedgerEntry> previous = ledger.get(command.id());
        boolean inDoubt = previous.isPresent() && previous.get().state() == CommandState.PENDING;
        Run run = new Run(command, spec, call, inDoubt ? previous.get().attempts() : 0);
        Map<String, Double> baseline = inDoubt ? previous.get().baseline() : Map.of();

        if (inDoubt) {
            LOG.info("Command {} ({}) was PENDING: resolving in-doubt outcome", command.id(), spec.type());
            if (spec.kind() == CallKind.ADDITIVE) {
                run.unverifiedSend = true;
            }
        } else if (spec.kind() == CallKind.ADDITIVE && verifier.needsBaseline(call, command.id())) {
            Map<String, Double> read = readBaseline(run);
            if (read == null) {
                return run.finish(CommandState.FAILED, "retries exhausted reading the agent's reservations before "
                        + "the call: " + run.lastError, null, false);
            }
            baseline = read;
        }
        ledger.record(new LedgerEntry(command.id(), CommandState.PENDING, spec.type().name(), run.attempts,
                clock.millis(), command.source(), null, baseline));
        earlier.awaitDurable();
        Outcome outcome = loop(run, baseline, inDoubt);
        if (inDoubt) {
            metrics.inDoubtResolved(outcome.state().name());
        }
        return outcome;
    }

    private Outcome loop(Run run, Map<String, Double> baseline, boolean inDoubt) {
        int failuresThisRun = 0;
        while (true) {
            if (run.unverifiedSend) {
                Effect effect = safeCheck(run, baseline);
                if (effect == Effect.PRESENT) {
                    return run.finish(run.sentThisRun ? CommandState.APPLIED : CommandState.ALREADY_APPLIED, null,
                            null, true);
                }
                if (effect == Effect.ABSENT) {
                    run.unverifiedSend = false;
                } else if (effect == Effect.UNKNOWN && run.lastError == null) {
                    // The state is readable but does not tell: never risk applying an additive call twice.
                    return run.finish(CommandState.FAILED, "in doubt: the effect of the earlier attempt cannot be "
                            + "established from the master's state; not re-sent", null, false);
                }
            }
            if (!run.unverifiedSend) {
                if (run.command.isExpiredAt(clock.millis())) {
                    return run.finish(CommandState.EXPIRED, "expired before it could be applied",
                            RejectReason.EXPIRED, false);
                }
                Outcome done = attempt(run, baseline, inDoubt);
                if (done != null) {
                    return done;
                }
            }
            failuresThisRun++;
            stopIfInterrupted(run);
            if (failuresThisRun >= retry.maxAttempts()) {
                String suffix = run.unverifiedSend ? " (in doubt: the call may have been applied; its effect could "
                        + "not be verified)" : "";
                LOG.warn("Command {} ({}) FAILED after {} attempt(s): {}{}", run.command.id(), run.spec.type(),
                        run.attempts, run.lastError, suffix);
                return run.finish(CommandState.FAILED, "retries exhausted: " + run.lastError + suffix, null, false);
            }
            metrics.retried();
            backOff(run, failuresThisRun);
        }
    }

    /** Waits before the next try; a stopping task leaves the command unfinished instead. */
    private void backOff(Run run, int failures) {
        try {
            sleeper.sleep(retry.delay(failures, random).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopIfInterrupted(run);
        }
    }

    /**
     * A failure seen by an interrupted thread is the task stopping, not the master's answer: reporting FAILED would
     * contradict the outcome the partition's next owner establishes, so the command is left unfinished.
     */
    private static void stopIfInterrupted(Run run) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CommandInterruptedException("task stopping: command " + run.command.id() + " ("
                    + run.spec.type() + ") left unfinished after " + run.attempts + " call(s); last error: "
                    + run.lastError);
        }
    }

    /** One call. Returns the final outcome, or null when the failure is retryable. */
    private Outcome attempt(Run run, Map<String, Double> baseline, boolean inDoubt) {
        run.attempts++;
        run.sentThisRun = true;
        long sentAt = clock.millis();
        MasterReply reply;
        try {
            reply = master.send(run.call);
        } catch (MasterUnreachableException e) {
            run.lastStatus = null;
            run.lastError = e.getMessage();
            if (e.inDoubt()) {
                run.answerLost = true;
                if (run.spec.kind() == CallKind.ADDITIVE) {
                    run.unverifiedSend = true;
                }
            }
            LOG.info("Command {} ({}) attempt {}: no answer from the master: {}", run.command.id(), run.spec.type(),
                    run.attempts, e.getMessage());
            return null;
        } finally {
            metrics.callLatency(clock.millis() - sentAt);
        }
        run.lastStatus = reply.status();
        run.lastError = reply.body().isEmpty() ? null : reply.body();
        return switch (Disposition.of(reply.status())) {
            case SUCCESS -> {
                if (reply.status() != run.spec.successStatus()) {
                    LOG.debug("Command {} ({}): success status {} where Mesos 1.11 answers {}", run.command.id(),
                            run.spec.type(), reply.status(), run.spec.successStatus());
                }
                yield run.finish(CommandState.APPLIED, null, null, verifyAfterSuccess(run, baseline));
            }
            case CONFLICT -> {
                Effect effect = safeCheck(run, baseline);
                yield effect == Effect.PRESENT ? run.finish(CommandState.ALREADY_APPLIED, reply.body(), null, true)
                        : rejectedByMaster(run, reply);
            }
            case PERMANENT -> {
                // A convergent call re-sent after a crash or a lost answer may be refused because it already took
                // effect (e.g. REACTIVATE_AGENT: "Agent is not deactivated"). If this run's earlier attempt did it,
                // the command was applied by this run.
                if ((inDoubt || run.answerLost) && run.spec.kind() == CallKind.CONVERGENT
                        && safeCheck(run, baseline) == Effect.PRESENT) {
                    yield run.answerLost ? run.finish(CommandState.APPLIED, null, null, true)
                            : run.finish(CommandState.ALREADY_APPLIED, reply.body(), null, true);
                }
                yield rejectedByMaster(run, reply);
            }
            case RETRY -> {
                run.lastError = reply.status() + " " + reply.body();
                LOG.info("Command {} ({}) attempt {}: {} {}", run.command.id(), run.spec.type(), run.attempts,
                        reply.status(), reply.body());
                yield null;
            }
        };
    }

    private static Outcome rejectedByMaster(Run run, MasterReply reply) {
        String hint = reply.status() == 401 || reply.status() == 403 ? " (check the mesos.auth.* settings)" : "";
        LOG.warn("Command {} ({}) REJECTED by the master: HTTP {} {}{}", run.command.id(), run.spec.type(),
                reply.status(), reply.body().strip(), hint);
        return run.finish(CommandState.REJECTED, reply.body(), RejectReason.MASTER_REJECTED, false);
    }

    /** The baseline amounts, retried like a call; null when the master stayed unreadable. */
    private Map<String, Double> readBaseline(Run run) {
        for (int failures = 1; ; failures++) {
            try {
                return verifier.baseline(run.call);
            } catch (MasterUnreachableException | MasterQueryException e) {
                run.lastError = e.getMessage();
                LOG.info("Command {}: could not read the agent before {}: {}", run.command.id(), run.spec.type(),
                        e.getMessage());
            }
            stopIfInterrupted(run);
            if (failures >= retry.maxAttempts()) {
                return null;
            }
            metrics.retried();
            backOff(run, failures);
        }
    }

    private boolean verifyAfterSuccess(Run run, Map<String, Double> baseline) {
        if (!verifyAfterSuccess || run.spec.kind() != CallKind.ADDITIVE) {
            return false;
        }
        return safeCheck(run, baseline) == Effect.PRESENT;
    }

    /** Checks the effect; an unreachable master or failed read is UNKNOWN and sets {@code lastError}. */
    private Effect safeCheck(Run run, Map<String, Double> baseline) {
        try {
            Effect effect = verifier.check(run.call, run.command.id(), baseline);
            if (run.unverifiedSend) {
                run.lastError = null;
            }
            return effect;
        } catch (MasterUnreachableException | MasterQueryException e) {
            LOG.info("Command {}: could not read the master's state to verify {}: {}", run.command.id(),
                    run.spec.type(), e.getMessage());
            run.lastError = "state check failed: " + e.getMessage();
            return Effect.UNKNOWN;
        }
    }
}
