package io.kafkaconnect.mesos.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema conventions (ENGINEERING.md §3) checked over every topic schema. */
class SchemaRulesTest {

    static Iterable<String> topics() {
        return MesosSchemas.all().keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void topicSchemaIsANamedVersionedStruct(String topic) {
        Schema schema = MesosSchemas.all().get(topic);
        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.name()).startsWith("io.kafkaconnect.mesos.");
        assertThat(schema.version()).isNotNull().isPositive();
        assertThat(schema.doc()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyFieldIsOptionalDocumentedAndMapsHaveStringKeys(String topic) {
        SchemaDescriber.fieldPaths(MesosSchemas.all().get(topic)).forEach((path, schema) -> {
            assertThat(schema.isOptional()).as("%s.%s is optional", topic, path).isTrue();
            assertThat(schema.doc()).as("%s.%s has a doc", topic, path).isNotBlank();
            if (schema.type() == Schema.Type.MAP) {
                assertThat(schema.keySchema().type()).as("%s.%s map key", topic, path).isEqualTo(Schema.Type.STRING);
                assertThat(schema.valueSchema().type().isPrimitive()).as("%s.%s map value", topic, path).isTrue();
            }
            if (schema.type() == Schema.Type.STRUCT) {
                assertThat(schema.name()).as("%s.%s struct is named", topic, path).isNotBlank();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void entityTopicsCarryOpTsAndSource(String topic) {
        Schema schema = MesosSchemas.all().get(topic);
        assertThat(schema.field("source").schema()).isSameAs(SourceInfo.SCHEMA);
        assertThat(schema.field("ts").schema().name()).isEqualTo(org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME);
        if (!topic.equals("events") && !topic.equals("metrics") && !topic.equals("heartbeats")) {
            assertThat(schema.field("op")).as("%s has op", topic).isNotNull();
        }
    }

    @Test
    void oneDefinitionPerStructName() {
        // Avro converters reject two different definitions under one name.
        Map<String, Schema> byName = new HashMap<>();
        for (Schema topic : MesosSchemas.all().values()) {
            SchemaDescriber.structs(topic).forEach(schema -> {
                assertThat(schema.name()).as("every struct is named").isNotBlank();
                Schema previous = byName.putIfAbsent(schema.name(), schema);
                assertThat(previous == null || previous.equals(schema)).as(schema.name()).isTrue();
            });
        }
        assertThat(byName).containsKeys("io.kafkaconnect.mesos.Resource", "io.kafkaconnect.mesos.TaskStatus",
                "io.kafkaconnect.mesos.Source", "io.kafkaconnect.mesos.Range", "io.kafkaconnect.mesos.Reservation",
                "io.kafkaconnect.mesos.InverseOfferStatus");
    }

    @Test
    void topicNamesAreDistinct() {
        assertThat(MesosSchemas.all().values().stream().map(Schema::name).distinct())
                .hasSize(MesosSchemas.all().size());
    }
}
