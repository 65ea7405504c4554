package io.kafkaconnect.mesos.sink;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.kafkaconnect.mesos.client.RetryPolicy;
import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.mesos.v1.master.Protos.Call;

/** Configuration of the Mesos sink connector. */
public final class MesosSinkConnectorConfig extends AbstractConfig {

    public static final String COMMANDS_GROUP = "Commands";
    public static final String EXECUTION_GROUP = "Execution";
    public static final String TOPICS_GROUP = "Ledger and results";

    public static final String ALLOWED_TYPES = "command.allowed.types";
    private static final String ALLOWED_TYPES_DOC = "Call types the sink may send. A command of any other type is "
            + "rejected and never sent. The default is every supported type except the destructive ones (TEARDOWN, "
            + "MARK_AGENT_GONE, DESTROY_VOLUMES, UNRESERVE_RESOURCES), which must be listed explicitly.";
    private static final String ALLOWED_TYPES_DISPLAY = "Allowed call types";

    public static final String ID_SOURCE = "command.id.source";
    private static final String ID_SOURCE_DOC = "Where the command id is read: 'envelope' (the envelope's "
            + "command_id), 'header' (the header named by command.id.header) or 'key' (the record key). Without an id "
            + "there, the record's topic-partition-offset is the id, which makes replays of the same record safe.";
    private static final String ID_SOURCE_DISPLAY = "Command id source";

    public static final String ID_HEADER = "command.id.header";
    private static final String ID_HEADER_DOC = "The header holding the command id when command.id.source=header.";
    private static final String ID_HEADER_DISPLAY = "Command id header";

    public static final String FORMAT = "command.format";
    private static final String FORMAT_DOC = "How a record value given as bytes is read: 'auto' (JSON if it starts "
            + "with '{', otherwise a protobuf CommandEnvelope), 'json' or 'protobuf'. Strings are always JSON; Structs "
            + "and Maps are read by field name.";
    private static final String FORMAT_DISPLAY = "Command format";

    public static final String DRY_RUN = "dry.run.enabled";
    private static final String DRY_RUN_DOC = "Validate and report every command without calling the master. A "
            + "command can also ask for this itself with dry_run=true.";
    private static final String DRY_RUN_DISPLAY = "Dry run";

    public static final String TAGGING = "reservation.tagging.enabled";
    private static final String TAGGING_DOC = "Add a label with the command id to the innermost reservation of each "
            + "resource a RESERVE_RESOURCES command reserves, so that an in-doubt reservation can be found exactly. "
            + "The label becomes part of the reservation's identity: a later UNRESERVE must name the same labels. "
            + "When off, the sink verifies by the reserved amount per role on the agent instead.";
    private static final String TAGGING_DISPLAY = "Tag reservations with the command id";

    public static final String LABEL_KEY = "reservation.label.key";
    private static final String LABEL_KEY_DOC = "The label key used for reservation tagging.";
    private static final String LABEL_KEY_DISPLAY = "Reservation label key";

    public static final String VERIFY = "effect.verification.enabled";
    private static final String VERIFY_DOC = "After an additive call (reserve, unreserve, volumes) succeeds, read "
            + "the agent's resources and report whether the effect is visible (effect_verified in the result).";
    private static final String VERIFY_DISPLAY = "Verify additive effects";

    public static final String MAX_ATTEMPTS = "retry.max.attempts";
    private static final String MAX_ATTEMPTS_DOC = "Calls per command, the first included, for 503, other 5xx and "
            + "I/O errors. After the last one the command is FAILED and reported, and the task carries on.";
    private static final String MAX_ATTEMPTS_DISPLAY = "Maximum attempts";

    public static final String BACKOFF_INITIAL = "retry.backoff.initial.ms";
    private static final String BACKOFF_INITIAL_DOC = "Upper bound of the first retry's random (full jitter) wait; "
            + "it doubles per retry up to retry.backoff.max.ms.";
    private static final String BACKOFF_INITIAL_DISPLAY = "Initial backoff (ms)";

    public static final String BACKOFF_MAX = "retry.backoff.max.ms";
    private static final String BACKOFF_MAX_DOC = "Upper bound of any retry's wait.";
    private static final String BACKOFF_MAX_DISPLAY = "Maximum backoff (ms)";

    public static final String MAX_PARTITIONS = "max.concurrent.partitions";
    private static final String MAX_PARTITIONS_DOC = "Command-topic partitions processed at the same time by one "
            + "task. Commands within a partition are always applied in order.";
    private static final String MAX_PARTITIONS_DISPLAY = "Concurrent partitions";

    public static final String TOPIC_PREFIX = "sink.topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of the default ledger and result topic names "
            + "('<prefix>.ledger', '<prefix>.results'). Empty: the connector's name.";
    private static final String TOPIC_PREFIX_DISPLAY = "Topic prefix";

    public static final String LEDGER_TOPIC = "ledger.topic";
    private static final String LEDGER_TOPIC_DOC = "The compacted topic holding each command's state, keyed by "
            + "command id. Empty: '<sink.topic.prefix>.ledger'. Created (compacted) if absent.";
    private static final String LEDGER_TOPIC_DISPLAY = "Ledger topic";

    public static final String RESULT_TOPIC = "result.topic";
    private static final String RESULT_TOPIC_DOC = "The topic receiving one JSON result record per command, keyed by "
            + "command id. Empty: '<sink.topic.prefix>.results'. Created if absent.";
    private static final String RESULT_TOPIC_DISPLAY = "Result topic";

    public static final String REPLICATION = "sink.topics.replication.factor";
    private static final String REPLICATION_DOC = "Replication factor for the ledger and result topics when the sink "
            + "creates them; -1 uses the broker default.";
    private static final String REPLICATION_DISPLAY = "Topic replication factor";

    public static final String LEDGER_PARTITIONS = "ledger.topic.partitions";
    private static final String LEDGER_PARTITIONS_DOC = "Partitions of the ledger topic when the sink creates it; "
            + "-1 uses the broker default.";
    private static final String LEDGER_PARTITIONS_DISPLAY = "Ledger partitions";

    public static final String KAFKA_TIMEOUT = "sink.kafka.timeout.ms";
    private static final String KAFKA_TIMEOUT_DOC = "How long a ledger or result write, or reading the ledger back, "
            + "may take before the command is left unfinished and consumed again.";
    private static final String KAFKA_TIMEOUT_DISPLAY = "Kafka timeout (ms)";

    public static final ConfigDef CONFIG_DEF = configDef();

    public MesosSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        if (getLong(BACKOFF_MAX) < getLong(BACKOFF_INITIAL)) {
            throw new ConfigException(BACKOFF_MAX, getLong(BACKOFF_MAX), "must be at least " + BACKOFF_INITIAL);
        }
    }

    static String defaultAllowedTypes() {
        return new TreeSet<>(CallCatalog.nonDestructive().stream().map(Enum::name).toList()).stream()
                .collect(Collectors.joining(","));
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        MesosConnectionConfig.define(def);
        int o = 0;
        def.define(ALLOWED_TYPES, Type.LIST, defaultAllowedTypes(), (name, value) -> {
            for (Object t : (List<?>) value) {
                String type = String.valueOf(t).trim();
                if (CallCatalog.supported().stream().noneMatch(s -> s.name().equals(type))) {
                    throw new ConfigException(name, value, "'" + type + "' is not a supported call type; supported: "
                            + new TreeSet<>(CallCatalog.supported()));
                }
            }
        }, Importance.HIGH, ALLOWED_TYPES_DOC, COMMANDS_GROUP, ++o, Width.LONG, ALLOWED_TYPES_DISPLAY,
                recommender(CallCatalog.supported().stream().map(Enum::name).sorted().toList()));
        def.define(ID_SOURCE, Type.STRING, "envelope", enumValidator("envelope", "header", "key"), Importance.MEDIUM,
                ID_SOURCE_DOC, COMMANDS_GROUP, ++o, Width.SHORT, ID_SOURCE_DISPLAY,
                recommender(List.of("envelope", "header", "key")));
        def.define(ID_HEADER, Type.STRING, "command-id", new ConfigDef.NonEmptyString(), Importance.LOW, ID_HEADER_DOC,
                COMMANDS_GROUP, ++o, Width.MEDIUM, ID_HEADER_DISPLAY);
        def.define(FORMAT, Type.STRING, "auto", enumValidator("auto", "json", "protobuf"), Importance.LOW, FORMAT_DOC,
                COMMANDS_GROUP, ++o, Width.SHORT, FORMAT_DISPLAY, recommender(List.of("auto", "json", "protobuf")));
        def.define(DRY_RUN, Type.BOOLEAN, false, Importance.MEDIUM, DRY_RUN_DOC, COMMANDS_GROUP, ++o, Width.SHORT,
                DRY_RUN_DISPLAY);
        o = 0;
        def.define(TAGGING, Type.BOOLEAN, true, Importance.MEDIUM, TAGGING_DOC, EXECUTION_GROUP, ++o, Width.SHORT,
                TAGGING_DISPLAY);
        def.define(LABEL_KEY, Type.STRING, "kafka-connect-mesos.command-id", new ConfigDef.NonEmptyString(),
                Importance.LOW, LABEL_KEY_DOC, EXECUTION_GROUP, ++o, Width.MEDIUM, LABEL_KEY_DISPLAY);
        def.define(VERIFY, Type.BOOLEAN, true, Importance.LOW, VERIFY_DOC, EXECUTION_GROUP, ++o, Width.SHORT,
                VERIFY_DISPLAY);
        def.define(MAX_ATTEMPTS, Type.INT, 6, ConfigDef.Range.atLeast(1), Importance.MEDIUM, MAX_ATTEMPTS_DOC,
                EXECUTION_GROUP, ++o, Width.SHORT, MAX_ATTEMPTS_DISPLAY);
        def.define(BACKOFF_INITIAL, Type.LONG, 200L, ConfigDef.Range.atLeast(0), Importance.LOW, BACKOFF_INITIAL_DOC,
                EXECUTION_GROUP, ++o, Width.SHORT, BACKOFF_INITIAL_DISPLAY);
        def.define(BACKOFF_MAX, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW, BACKOFF_MAX_DOC,
                EXECUTION_GROUP, ++o, Width.SHORT, BACKOFF_MAX_DISPLAY);
        def.define(MAX_PARTITIONS, Type.INT, 4, ConfigDef.Range.between(1, 256), Importance.LOW, MAX_PARTITIONS_DOC,
                EXECUTION_GROUP, ++o, Width.SHORT, MAX_PARTITIONS_DISPLAY);
        o = 0;
        def.define(TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM, TOPIC_PREFIX_DOC, TOPICS_GROUP, ++o, Width.MEDIUM,
                TOPIC_PREFIX_DISPLAY);
        def.define(LEDGER_TOPIC, Type.STRING, "", Importance.MEDIUM, LEDGER_TOPIC_DOC, TOPICS_GROUP, ++o, Width.LONG,
                LEDGER_TOPIC_DISPLAY);
        def.define(RESULT_TOPIC, Type.STRING, "", Importance.MEDIUM, RESULT_TOPIC_DOC, TOPICS_GROUP, ++o, Width.LONG,
                RESULT_TOPIC_DISPLAY);
        def.define(REPLICATION, Type.SHORT, (short) -1, Importance.LOW, REPLICATION_DOC, TOPICS_GROUP, ++o, Width.SHORT,
                REPLICATION_DISPLAY);
        def.define(LEDGER_PARTITIONS, Type.INT, -1, Importance.LOW, LEDGER_PARTITIONS_DOC, TOPICS_GROUP, ++o,
                Width.SHORT, LEDGER_PARTITIONS_DISPLAY);
        def.define(KAFKA_TIMEOUT, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW, KAFKA_TIMEOUT_DOC,
                TOPICS_GROUP, ++o, Width.SHORT, KAFKA_TIMEOUT_DISPLAY);
        KafkaClientConfig.define(def);
        return def;
    }

    private static ConfigDef.Validator enumValidator(String... values) {
        Set<String> allowed = Set.of(values);
        return (name, value) -> {
            if (value == null || !allowed.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + String.join(", ", values));
            }
        };
    }

    private static ConfigDef.Recommender recommender(List<?> values) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return List.copyOf(values);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return true;
            }
        };
    }

    public Set<Call.Type> allowedTypes() {
        return getList(ALLOWED_TYPES).stream().map(String::trim).map(Call.Type::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    public CommandIdSource idSource() {
        return CommandIdSource.fromConfig(getString(ID_SOURCE));
    }

    public CommandFormat format() {
        return CommandFormat.fromConfig(getString(FORMAT));
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(MAX_ATTEMPTS), Duration.ofMillis(getLong(BACKOFF_INITIAL)),
                Duration.ofMillis(getLong(BACKOFF_MAX)));
    }

    /** The ledger topic: explicit, or derived from the prefix (the connector name by default). */
    public String ledgerTopic(String connectorName) {
        String explicit = getString(LEDGER_TOPIC);
        return explicit.isBlank() ? prefix(connectorName) + ".ledger" : explicit.trim();
    }

    public String resultTopic(String connectorName) {
        String explicit = getString(RESULT_TOPIC);
        return explicit.isBlank() ? prefix(connectorName) + ".results" : explicit.trim();
    }

    private String prefix(String connectorName) {
        String p = getString(TOPIC_PREFIX);
        return p.isBlank() ? connectorName : p.trim();
    }

    public Duration kafkaTimeout() {
        return Duration.ofMillis(getLong(KAFKA_TIMEOUT));
    }
}
