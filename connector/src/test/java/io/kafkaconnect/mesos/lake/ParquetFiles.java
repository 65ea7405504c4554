package io.kafkaconnect.mesos.lake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes and reads Avro records as Parquet files on the local filesystem, with Parquet's own file IO
 * ({@link LocalOutputFile}, {@link LocalInputFile}) and a {@link PlainParquetConfiguration}: no Hadoop filesystem.
 */
final class ParquetFiles {

    private static final String AVRO_READ_SCHEMA = "parquet.avro.read.schema";

    /** How arrays are laid out in the file. */
    enum ListLayout {
        /**
         * The standard three-level LIST (what Iceberg, Spark and Hive write): elements may be null, as the topic
         * schemas allow (array elements are optional structs).
         */
        THREE_LEVEL,
        /** parquet-avro's default two-level layout, kept for old readers: a null element fails the write. */
        LEGACY_TWO_LEVEL
    }

    private ParquetFiles() {
    }

    /** Writes the records to a new Parquet file whose Avro schema (kept in the file footer) is {@code schema}. */
    static void write(Path file, Schema schema, List<? extends GenericRecord> records) throws IOException {
        write(file, schema, records, ListLayout.THREE_LEVEL);
    }

    static void write(Path file, Schema schema, List<? extends GenericRecord> records, ListLayout lists)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, lists == ListLayout.LEGACY_TWO_LEVEL);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(conf)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .build()) {
            for (GenericRecord record : records) {
                writer.write(record);
            }
        }
    }

    /** Reads every record with the writer's own Avro schema, as stored in the file. */
    static List<GenericRecord> read(Path file) throws IOException {
        return read(file, new PlainParquetConfiguration());
    }

    /** Reads every record resolved against {@code readerSchema} (Avro schema resolution, e.g. a newer version). */
    static List<GenericRecord> read(Path file, Schema readerSchema) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // AvroReadSupport.AVRO_READ_SCHEMA is private; its setter takes a Hadoop Configuration
        conf.set(AVRO_READ_SCHEMA, readerSchema.toString());
        return read(file, conf);
    }

    private static List<GenericRecord> read(Path file, PlainParquetConfiguration conf) throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                        conf)
                .withDataModel(GenericData.get())
                .build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }
}
