package io.kafkaconnect.mesos.lake;

import static io.kafkaconnect.mesos.lake.RowAssertions.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The add-only evolution rule holds in the lake: files written with version 1 of a topic schema and files written with
 * a version 2 that adds one optional field are both read with the version 2 schema, and Avro's own compatibility check
 * accepts the change in both directions for every topic.
 */
class SchemaEvolutionTest {

    private static final String ADDED = "added_in_v2";


    static Iterable<String> topics() {
        return MesosSchemas.all().keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void addingAnOptionalFieldIsFullyCompatible(String topic) {
        Schema v1 = MesosSchemas.all().get(topic);
        Schema v2 = SchemaEvolution.withAddedOptionalField(v1, ADDED, Schema.OPTIONAL_STRING_SCHEMA);
        LakeRoundTrip lake = new LakeRoundTrip();
        org.apache.avro.Schema avroV1 = lake.avroSchema(v1);
        org.apache.avro.Schema avroV2 = lake.avroSchema(v2);

        assertThat(compatibility(avroV2, avroV1)).as("BACKWARD: v2 reads v1").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(avroV1, avroV2)).as("FORWARD: v1 reads v2").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(avroV2.getField(ADDED).hasDefaultValue()).isTrue();
    }

    @Test
    void addingARequiredFieldIsCaughtByTheSameCheck() {
        Schema v1 = MesosSchemas.TASK;
        Schema broken = SchemaEvolution.withAddedRequiredField(v1, ADDED, Schema.STRING_SCHEMA);
        LakeRoundTrip lake = new LakeRoundTrip();

        assertThat(compatibility(lake.avroSchema(broken), lake.avroSchema(v1)))
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Property(tries = 3)
    void filesOfBothVersionsReadWithTheV2Schema(@ForAll("evolutions") List<Evolution> evolutions)
            throws IOException {
        try (ScratchDir scratch = new ScratchDir("lake-evolution")) {
            for (Evolution evolution : evolutions) {
                assertEvolvesInTheLake(evolution, Files.createDirectory(scratch.path().resolve(evolution.v1().name())));
            }
        }
    }

    /** One topic's v1 schema, its v2, and rows written with each. */
    record Evolution(Schema v1, Schema v2, List<Struct> v1Rows, List<Struct> v2Rows) {
    }

    /** Every topic, each with up to 15 rows per version. */
    @Provide
    Arbitrary<List<Evolution>> evolutions() {
        List<Arbitrary<Evolution>> perTopic = new ArrayList<>();
        for (Schema v1 : MesosSchemas.all().values()) {
            Schema v2 = SchemaEvolution.withAddedOptionalField(v1, ADDED, Schema.OPTIONAL_STRING_SCHEMA);
            perTopic.add(Combinators.combine(StructArbitraries.rows(v1).list().ofMaxSize(15),
                    StructArbitraries.rows(v2).list().ofMaxSize(15)).as((old, next) -> new Evolution(v1, v2, old, next)));
        }
        return Combinators.combine(perTopic).as(List::copyOf);
    }

    private static void assertEvolvesInTheLake(Evolution evolution, Path dir) throws IOException {
        Schema v1 = evolution.v1();
        Schema v2 = evolution.v2();
        List<Struct> v1Rows = evolution.v1Rows();
        List<Struct> v2Rows = evolution.v2Rows();
        LakeRoundTrip lake = new LakeRoundTrip();
        org.apache.avro.Schema reader = lake.avroSchema(v2);
        Path oldFile = dir.resolve("v1.parquet");
        Path newFile = dir.resolve("v2.parquet");
        ParquetFiles.write(oldFile, lake.avroSchema(v1), v1Rows.stream().map(row -> lake.toAvro(v1, row)).toList());
        ParquetFiles.write(newFile, reader, v2Rows.stream().map(row -> lake.toAvro(v2, row)).toList());

        List<Struct> oldRead = readAs(lake, oldFile, reader);
        List<Struct> newRead = readAs(lake, newFile, reader);

        assertSameRows(v1Rows.stream().map(row -> SchemaEvolution.upgrade(row, v2)).toList(), oldRead);
        assertThat(oldRead).allSatisfy(row -> assertThat(row.get(ADDED)).isNull());
        assertSameRows(v2Rows, newRead);
    }

    private static List<Struct> readAs(LakeRoundTrip lake, Path file, org.apache.avro.Schema reader)
            throws IOException {
        List<Struct> rows = new ArrayList<>();
        for (GenericRecord record : ParquetFiles.read(file, reader)) {
            assertThat(record.getSchema()).isEqualTo(reader);
            rows.add(lake.toConnect(reader, record));
        }
        return rows;
    }

    private static SchemaCompatibilityType compatibility(org.apache.avro.Schema reader,
                                                          org.apache.avro.Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
