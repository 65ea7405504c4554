package io.kafkaconnect.mesos.lake;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The project's evolution rule, applied the way a future release would: the same schema name, the version bumped by
 * one, every existing field kept as it is, and one new optional field appended.
 */
final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /** The next version of {@code current} with {@code name} appended as an optional field of type {@code type}. */
    static Schema withAddedOptionalField(Schema current, String name, Schema type) {
        if (!type.isOptional()) {
            throw new IllegalArgumentException("The evolution rule adds optional fields only");
        }
        return withAddedField(current, name, type);
    }

    /** Breaks the rule on purpose (a required field), for the negative control of the compatibility check. */
    static Schema withAddedRequiredField(Schema current, String name, Schema type) {
        if (type.isOptional()) {
            throw new IllegalArgumentException("Expected a required field type");
        }
        return withAddedField(current, name, type);
    }

    /** The row as the next version's reader sees it: every field as written, the added one null. */
    static Struct upgrade(Struct row, Schema next) {
        Struct upgraded = new Struct(next);
        for (Field field : row.schema().fields()) {
            upgraded.put(field.name(), row.get(field));
        }
        return upgraded;
    }

    private static Schema withAddedField(Schema current, String name, Schema type) {
        SchemaBuilder next = SchemaBuilder.struct().name(current.name()).version(current.version() + 1)
                .doc(current.doc());
        if (current.isOptional()) {
            next.optional();
        }
        for (Field field : current.fields()) {
            next.field(field.name(), field.schema());
        }
        return next.field(name, type).build();
    }
}
