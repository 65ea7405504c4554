package io.kafkaconnect.mesos.source.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/** Factories for the optional, documented leaf schemas the topic schemas are built from. */
final class FieldSchemas {

    private FieldSchemas() {
    }

    static Schema string(String doc) {
        return SchemaBuilder.string().optional().doc(doc).build();
    }

    static Schema int64(String doc) {
        return SchemaBuilder.int64().optional().doc(doc).build();
    }

    static Schema int32(String doc) {
        return SchemaBuilder.int32().optional().doc(doc).build();
    }

    static Schema float64(String doc) {
        return SchemaBuilder.float64().optional().doc(doc).build();
    }

    static Schema bool(String doc) {
        return SchemaBuilder.bool().optional().doc(doc).build();
    }

    static Schema bytes(String doc) {
        return SchemaBuilder.bytes().optional().doc(doc).build();
    }

    static Schema timestamp(String doc) {
        return Timestamp.builder().optional().doc(doc).build();
    }

    static Schema stringArray(String doc) {
        return SchemaBuilder.array(Schema.STRING_SCHEMA).optional().doc(doc).build();
    }

    static Schema array(Schema element, String doc) {
        return SchemaBuilder.array(element).optional().doc(doc).build();
    }

    static Schema stringMap(String doc) {
        return SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().doc(doc).build();
    }

    static Schema doubleMap(String doc) {
        return SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).optional().doc(doc).build();
    }

    /** Adds {@code <name>} (Timestamp) and {@code <name>_ns} (INT64 nanoseconds) for a Mesos {@code TimeInfo}. */
    static SchemaBuilder timeInfo(SchemaBuilder builder, String name, String doc) {
        return builder.field(name, timestamp(doc + " (millisecond precision)"))
                .field(name + "_ns", int64(doc + ", as Mesos gives it: nanoseconds since the epoch"));
    }

    /** Adds the flat {@code <prefix>cpus}, {@code mem}, {@code disk}, {@code gpus} columns summed over a resource list. */
    static SchemaBuilder resourceTotals(SchemaBuilder builder, String prefix, String of) {
        return builder.field(prefix + "cpus", float64("Sum of the scalar 'cpus' resources in " + of))
                .field(prefix + "mem", float64("Sum of the scalar 'mem' resources in " + of + ", MB"))
                .field(prefix + "disk", float64("Sum of the scalar 'disk' resources in " + of + ", MB"))
                .field(prefix + "gpus", float64("Sum of the scalar 'gpus' resources in " + of));
    }
}
