package io.kafkaconnect.mesos.lake;

import static io.kafkaconnect.mesos.lake.RowAssertions.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows the mappers make from a simulated cluster, one Parquet file per topic: what a lake reader gets back equals what
 * the connector produced, field by field, and the file carries the topic's Avro schema.
 */
@Timeout(60)
class ParquetRoundTripTest {

    private static Map<String, List<Struct>> rows;

    @TempDir
    Path dir;

    @BeforeAll
    static void collectRows() {
        rows = SimulatedClusterRows.collect(7, 300);
    }

    static Iterable<String> topics() {
        return MesosSchemas.all().keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void mapperRowsReadBackEqualFromParquet(String topic) throws IOException {
        Schema schema = MesosSchemas.all().get(topic);
        List<Struct> written = rows.getOrDefault(topic, List.of());
        // the simulator keeps no operations (GET_OPERATIONS is empty); StructArbitraries covers that topic
        if (!topic.equals("operations")) {
            assertThat(written).as("rows for " + topic).isNotEmpty();
        }
        written.forEach(Struct::validate);

        LakeRoundTrip lake = new LakeRoundTrip();
        Path file = dir.resolve(topic + ".parquet");
        List<Struct> read = lake.throughParquet(schema, written, file);

        assertSameRows(written, read);
        List<GenericRecord> raw = ParquetFiles.read(file);
        if (!raw.isEmpty()) {
            assertThat(raw.get(0).getSchema()).isEqualTo(lake.avroSchema(schema));
        }
    }

    /**
     * The schemas allow null array elements, which parquet-avro's default two-level list layout cannot store; the
     * mappers never produce one, so their rows also fit writers that keep that default.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void mapperRowsAlsoFitTheLegacyTwoLevelListLayout(String topic) throws IOException {
        Schema schema = MesosSchemas.all().get(topic);
        List<Struct> written = rows.getOrDefault(topic, List.of());

        List<Struct> read = new LakeRoundTrip().throughParquet(schema, written, dir.resolve(topic + ".parquet"),
                ParquetFiles.ListLayout.LEGACY_TWO_LEVEL);

        assertSameRows(written, read);
    }
}
