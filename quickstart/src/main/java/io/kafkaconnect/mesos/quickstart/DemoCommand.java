package io.kafkaconnect.mesos.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one command through the sink and reads its result back: on the simulated master a real RESERVE_RESOURCES on
 * one of its agents; on a real master a dry run, so the quickstart never changes a cluster it was merely pointed at.
 */
final class DemoCommand {

    private final String bootstrapServers;
    private final String commandTopic;
    private final String resultTopic;
    private final PrintStream out;

    DemoCommand(String bootstrapServers, String topicPrefix, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.commandTopic = topicPrefix + ".commands";
        this.resultTopic = topicPrefix + ".results";
        this.out = out;
    }

    /**
     * Writes the command and waits for its result record.
     *
     * @param agentId an agent of the simulated master to reserve on; empty for a real master (dry run)
     * @return the result record's JSON, or empty when none arrived within {@code timeout}
     */
    Optional<String> sendAndAwaitResult(Optional<String> agentId, Duration timeout) {
        String commandId = "quickstart-" + UUID.randomUUID();
        String command = agentId.map(id -> reserve(commandId, id)).orElseGet(() -> dryRunWeights(commandId));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps())) {
            producer.send(new ProducerRecord<>(commandTopic, commandId, command));
            producer.flush();
            out.println("\n  command written to " + commandTopic + ":\n    " + command);
            consumer.subscribe(List.of(resultTopic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains(commandId)) {
                        out.println("  its result on " + resultTopic + ":\n    " + record.value() + "\n");
                        return Optional.of(record.value());
                    }
                }
            }
        }
        out.println("  no result for " + commandId + " within " + timeout.toSeconds() + " s");
        return Optional.empty();
    }

    private static String reserve(String commandId, String agentId) {
        return """
                {"command_id":"%s","requested_by":"quickstart","call":{"type":"RESERVE_RESOURCES","reserve_resources":\
                {"agent_id":{"value":"%s"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},\
                "reservations":[{"type":"DYNAMIC","role":"quickstart","principal":"quickstart"}]}]}}}"""
                .formatted(commandId, agentId);
    }

    private static String dryRunWeights(String commandId) {
        return """
                {"command_id":"%s","requested_by":"quickstart","dry_run":true,"call":{"type":"UPDATE_WEIGHTS",\
                "update_weights":{"weight_infos":[{"role":"quickstart","weight":1.0}]}}}""".formatted(commandId);
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quickstart-results-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
