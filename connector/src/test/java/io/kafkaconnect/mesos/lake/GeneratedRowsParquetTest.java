package io.kafkaconnect.mesos.lake;

import static io.kafkaconnect.mesos.lake.RowAssertions.assertSameRows;

import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.connect.data.Struct;

/**
 * Rows generated from each topic schema itself (every field, nulls, empty and nested collections, any text, extreme
 * numbers and timestamps) go through Avro into one Parquet file per topic and read back equal.
 */
class GeneratedRowsParquetTest {

    private static final int MAX_ROWS_PER_TOPIC = 30;

    @Property(tries = 8)
    void generatedRowsOfEveryTopicReadBackEqualFromParquet(@ForAll("rowsPerTopic") Map<String, List<Struct>> rows)
            throws IOException {
        try (ScratchDir scratch = new ScratchDir("lake-generated")) {
            LakeRoundTrip lake = new LakeRoundTrip();
            for (Map.Entry<String, List<Struct>> topic : rows.entrySet()) {
                topic.getValue().forEach(Struct::validate);
                List<Struct> read = lake.throughParquet(MesosSchemas.all().get(topic.getKey()), topic.getValue(),
                        scratch.path().resolve(topic.getKey() + ".parquet"));
                assertSameRows(topic.getValue(), read);
            }
        }
    }

    @Provide
    Arbitrary<Map<String, List<Struct>>> rowsPerTopic() {
        List<String> topics = new ArrayList<>(MesosSchemas.all().keySet());
        List<Arbitrary<List<Struct>>> perTopic = topics.stream()
                .<Arbitrary<List<Struct>>>map(topic -> StructArbitraries.rows(MesosSchemas.all().get(topic)).list()
                        .ofMaxSize(MAX_ROWS_PER_TOPIC))
                .toList();
        return Combinators.combine(perTopic).as(lists -> {
            Map<String, List<Struct>> byTopic = new LinkedHashMap<>();
            for (int i = 0; i < topics.size(); i++) {
                byTopic.put(topics.get(i), lists.get(i));
            }
            return byTopic;
        });
    }
}
