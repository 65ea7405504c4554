package io.kafkaconnect.mesos.lake;

import io.apicurio.registry.utils.converter.avro.AvroData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The path a record takes into a data lake and back: Connect {@link Struct} -> Avro (Apicurio's {@link AvroData}, as
 * an Avro converter does) -> a Parquet file -> Avro -> Connect.
 */
final class LakeRoundTrip {

    private final AvroData avroData = new AvroData(100);

    /** The Avro schema an Avro converter registers for this Connect schema. */
    org.apache.avro.Schema avroSchema(Schema connectSchema) {
        return avroData.fromConnectSchema(connectSchema);
    }

    GenericRecord toAvro(Schema connectSchema, Struct row) {
        return (GenericRecord) avroData.fromConnectData(connectSchema, row);
    }

    Struct toConnect(org.apache.avro.Schema avroSchema, GenericRecord record) {
        return (Struct) avroData.toConnectData(avroSchema, record).value();
    }

    /** Writes the rows to {@code file} and returns what a reader gets back, converted to Connect again. */
    List<Struct> throughParquet(Schema connectSchema, List<Struct> rows, Path file) throws IOException {
        return throughParquet(connectSchema, rows, file, ParquetFiles.ListLayout.THREE_LEVEL);
    }

    List<Struct> throughParquet(Schema connectSchema, List<Struct> rows, Path file, ParquetFiles.ListLayout lists)
            throws IOException {
        org.apache.avro.Schema avro = avroSchema(connectSchema);
        ParquetFiles.write(file, avro, rows.stream().map(row -> toAvro(connectSchema, row)).toList(), lists);
        return ParquetFiles.read(file).stream().map(record -> toConnect(avro, record)).toList();
    }
}
