package io.kafkaconnect.mesos.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaconnect.mesos.source.mapping.EntityMapper;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lake engine sees in the files: native timestamps, lists, maps and nested groups, every column optional, so
 * query engines need no knowledge of Connect.
 */
class ParquetLayoutTest {

    @TempDir
    Path dir;

    @Test
    void taskColumnsUseNativeParquetTypes() throws IOException {
        MessageType schema = writtenSchema(List.of(new EntityMapper().task(null, null, null, null)));

        Type ts = schema.getType("ts");
        assertThat(ts.asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(ts.getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        assertThat(schema.getType("task_id").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("cpus").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.DOUBLE);
        assertThat(schema.getType("resources").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.listType());
        assertThat(schema.getType("labels").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.mapType());
        assertThat(schema.getType("status").isPrimitive()).isFalse();
        assertThat(schema.getType("source").asGroupType().getType("sequence").asPrimitiveType()
                .getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getFields()).allSatisfy(
                field -> assertThat(field.getRepetition()).as(field.getName()).isEqualTo(Type.Repetition.OPTIONAL));
    }

    @Test
    void eventPayloadBytesAreABinaryColumn() throws IOException {
        SourceInfo src = new SourceInfo("m", "http://m:5050", "s", 1, false, false, null);
        Struct heartbeat = new EntityMapper().heartbeat(src, Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(writtenSchema(List.of(heartbeat)).getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));

        Struct event = new Struct(MesosSchemas.EVENT).put("type", "HEARTBEAT").put("payload_bytes", new byte[] {8, 9});
        Type payload = writtenSchema(List.of(event)).getType("payload_bytes");
        assertThat(payload.asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(payload.getLogicalTypeAnnotation()).isNull();
    }

    private MessageType writtenSchema(List<Struct> rows) throws IOException {
        Path file = dir.resolve(rows.get(0).schema().name() + ".parquet");
        new LakeRoundTrip().throughParquet(rows.get(0).schema(), rows, file);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }
}
