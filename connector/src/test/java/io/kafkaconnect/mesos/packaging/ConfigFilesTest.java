package io.kafkaconnect.mesos.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.kafkaconnect.mesos.config.KafkaClientConfig;
import io.kafkaconnect.mesos.config.MesosConnectionConfig;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.sink.MesosSinkConnector;
import io.kafkaconnect.mesos.source.MesosSourceConnector;

/**
 * Every file of config/ is checked as what it is: a worker file parses as Kafka's own worker config and names the
 * plugin discovery mode; a connector file has only known keys, its secrets as ${file:...} references that the
 * shipped secrets example resolves, and passes Kafka's framework checks and its connector's {@code validate()}. The
 * live GET_VERSION check runs against a simulated master for the simulator files; for the real-master files it runs
 * against a closed local port, where it must be the only error left (their TLS and Basic auth settings are built).
 * Every source file carries the same producer overrides (the end-to-end benchmark runs with them): producer settings
 * that, over Connect's own, keep each partition in order.
 */
class ConfigFilesTest {

    private static final String SECRETS_EXAMPLE = "mesos-secrets.properties.example";
    private static final String SIMULATOR_URL = "http://127.0.0.1:5050";
    private static final Set<String> FRAMEWORK_PREFIXES = Set.of("key.converter.", "value.converter.",
            "header.converter.", "transforms.", "predicates.", "errors.", "topic.creation.", "producer.override.",
            "consumer.override.", "admin.override.", KafkaClientConfig.CLIENT_PREFIX);

    /** What Kafka 4.1's worker sets for a source task's producer before the connector's producer.override.* keys. */
    private static final Map<String, Object> CONNECT_SOURCE_PRODUCER = Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");

    @TempDir
    static Path scratch;
    private static SimulatedMesosCluster mesos;

    @BeforeAll
    static void startMaster() {
        mesos = SimulatedMesosCluster.builder().version("1.11.0").build().start();
    }

    @AfterAll
    static void stopMaster() {
        mesos.close();
    }

    static List<Path> workerFiles() {
        return ShippedConfig.files().stream().filter(ConfigFilesTest::isWorker).toList();
    }

    static List<Path> connectorFiles() {
        return ShippedConfig.files().stream().filter(ConfigFilesTest::isConnector).toList();
    }

    static List<Path> sourceFiles() {
        return connectorFiles().stream()
                .filter(f -> MesosSourceConnector.class.getName().equals(ShippedConfig.load(f).get("connector.class")))
                .toList();
    }

    @Test
    void everyFileIsAWorkerAConnectorOrTheSecretsExample() {
        List<String> unchecked = ShippedConfig.files().stream()
                .filter(f -> !isWorker(f) && !isConnector(f) && !f.getFileName().toString().equals(SECRETS_EXAMPLE))
                .map(Path::toString).toList();

        assertThat(unchecked).as("files in config/ that no check covers").isEmpty();
        assertThat(workerFiles()).extracting(f -> f.getFileName().toString())
                .contains("connect-standalone.properties", "connect-distributed.properties");
        assertThat(connectorFiles()).extracting(f -> f.getFileName().toString()).contains("mesos-source.properties",
                "mesos-sink.properties", "mesos-source-simulator.json", "mesos-sink-simulator.json",
                "mesos-source-secure.json", "mesos-sink-secure.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workerFiles")
    void workerFileIsAValidWorkerConfigThatLoadsPluginsByServiceLoader(Path file) {
        Map<String, String> props = ShippedConfig.load(file);

        AbstractConfig worker = file.getFileName().toString().contains("standalone")
                ? new StandaloneConfig(props) : new DistributedConfig(props);

        assertThat(worker.getString("plugin.discovery")).isEqualToIgnoringCase("service_load");
        assertThat(worker.getList("plugin.path")).isNotEmpty();
        assertThat(worker.getList("config.providers")).contains("file");
        assertThat(props).containsEntry("config.providers.file.class", FileConfigProvider.class.getName());
        assertThat(unknownKeys(props, worker.values().keySet(), Set.of("key.converter.", "value.converter.",
                "config.providers."))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectorFiles")
    void connectorFilePassesEveryCheckOfItsConnector(Path file) throws Exception {
        Map<String, String> raw = ShippedConfig.load(file);
        Connector connector = connectorOf(raw);
        ConfigDef framework = connector instanceof SinkConnector
                ? SinkConnectorConfig.configDef() : SourceConnectorConfig.configDef();

        assertSecretsAreReferences(raw, connector.config());
        Map<String, String> props = resolveSecrets(raw);

        assertThat(unknownKeys(props, union(connector.config().names(), framework.names()), FRAMEWORK_PREFIXES))
                .as("keys no ConfigDef defines (typos?)").isEmpty();
        // "name" included: PUT /connector-plugins/<type>/config/validate takes the same body as the connector
        assertThat(errors(framework.validate(props))).as("Kafka Connect's own keys").isEmpty();
        if (connector instanceof SinkConnector) {
            SinkConnectorConfig.validate(props);
        }
        assertThat(errors(connector.config().validate(props))).as("the connector's ConfigDef").isEmpty();
        if (isForTheSimulator(props)) {
            props.put(MesosConnectionConfig.MASTER_URLS, mesos.leaderUrl().toString());
            assertThat(errors(connector.validate(props).configValues())).as("validate() with the live check")
                    .isEmpty();
        } else {
            props.put(MesosConnectionConfig.MASTER_URLS, "https://127.0.0.1:" + closedPort());
            props.computeIfPresent(MesosConnectionConfig.TRUSTSTORE_PATH, (key, path) -> emptyTruststore(
                    props.get(MesosConnectionConfig.TRUSTSTORE_TYPE),
                    props.get(MesosConnectionConfig.TRUSTSTORE_PASSWORD)));
            Map<String, List<String>> errors = errors(connector.validate(props).configValues());
            assertThat(errors).as("only the live check fails, for want of a master").containsOnlyKeys(
                    MesosConnectionConfig.MASTER_URLS);
            assertThat(errors.get(MesosConnectionConfig.MASTER_URLS)).singleElement().asString()
                    .startsWith("Cannot reach a Mesos master");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceFiles")
    void sourceFileProducerOverridesAreValidProducerSettingsThatKeepEachPartitionInOrder(Path file) {
        Map<String, String> overrides = producerOverrides(ShippedConfig.load(file));

        assertThat(overrides).as("producer.override.* keys").isNotEmpty();
        assertThat(unknownKeys(overrides, ProducerConfig.configNames(), Set.of())).as("not producer settings")
                .isEmpty();
        Map<String, Object> props = new HashMap<>(CONNECT_SOURCE_PRODUCER);
        props.putAll(overrides);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProducerConfig producer = new ProducerConfig(props);
        // Entity topics are keyed and compacted: a retried batch must not overtake the one sent after it.
        assertThat(producer.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION) == 1
                || producer.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))
                .as("one request in flight, or idempotence").isTrue();
    }

    @Test
    void everySourceFileShipsTheSameProducerOverrides() {
        Map<String, String> properties = producerOverrides(ShippedConfig.load(ShippedConfig.file(
                "mesos-source.properties")));

        assertThat(sourceFiles()).hasSizeGreaterThan(1).allSatisfy(file ->
                assertThat(producerOverrides(ShippedConfig.load(file))).as(file.toString()).isEqualTo(properties));
    }

    private static Map<String, String> producerOverrides(Map<String, String> props) {
        String prefix = ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX;
        return props.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue));
    }

    private static boolean isWorker(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("connect-") && name.endsWith(".properties");
    }

    private static boolean isConnector(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("mesos-") && (name.endsWith(".properties") || name.endsWith(".json"));
    }

    private static Connector connectorOf(Map<String, String> props) {
        String type = props.get("connector.class");
        if (MesosSourceConnector.class.getName().equals(type)) {
            return new MesosSourceConnector();
        }
        assertThat(type).as("connector.class").isEqualTo(MesosSinkConnector.class.getName());
        return new MesosSinkConnector();
    }

    /** Every secret (a PASSWORD key) is a ${file:path:key} reference, never the secret itself. */
    private static void assertSecretsAreReferences(Map<String, String> props, ConfigDef def) {
        def.configKeys().values().stream().filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .filter(key -> props.get(key.name) != null && !props.get(key.name).isBlank())
                .forEach(key -> assertThat(props.get(key.name)).as(key.name)
                        .matches("\\$\\{file:/[^:}]+/mesos-secrets\\.properties:[^}]+}"));
    }

    /** What the worker's FileConfigProvider makes of the references, with the shipped example as the file. */
    private static Map<String, String> resolveSecrets(Map<String, String> props) {
        FileConfigProvider provider = new FileConfigProvider() {
            @Override
            protected Reader reader(Path path) throws IOException {
                assertThat(path.getFileName()).hasToString("mesos-secrets.properties");
                return Files.newBufferedReader(ShippedConfig.file(SECRETS_EXAMPLE));
            }
        };
        provider.configure(Map.of());
        Map<String, String> resolved = new HashMap<>(new ConfigTransformer(Map.of("file", provider))
                .transform(props).data());
        assertThat(resolved.values()).as("references the secrets example cannot resolve")
                .noneMatch(value -> value.contains("${"));
        return resolved;
    }

    private static boolean isForTheSimulator(Map<String, String> props) {
        return props.get(MesosConnectionConfig.MASTER_URLS).equals(SIMULATOR_URL);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> unknownKeys(Map<String, String> props, Set<String> known, Set<String> prefixes) {
        return props.keySet().stream().filter(key -> !known.contains(key))
                .filter(key -> prefixes.stream().noneMatch(key::startsWith)).sorted().toList();
    }

    private static Map<String, List<String>> errors(List<ConfigValue> values) {
        return values.stream().filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String emptyTruststore(String type, String password) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            Path file = Files.createTempFile(scratch, "truststore", "." + type.toLowerCase());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file.toString();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
