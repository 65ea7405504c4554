package io.kafkaconnect.mesos.source.mapping;

import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.time.Instant;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** The fields every entity row shares: {@code op}, {@code ts} and {@code source}. */
final class Rows {

    private Rows() {
    }

    static Struct row(Schema schema, Op op, SourceInfo source, Instant time) {
        return new Row(new Struct(schema))
                .put("op", op == null ? null : op.name())
                .put("ts", date(time))
                .put("source", source == null ? null : source.toStruct())
                .struct();
    }

    static Date date(Instant time) {
        return time == null ? null : Date.from(time);
    }

    /** {@code a/b[/c]}, or null when any part is missing: a partial key would merge unrelated entities. */
    static String compositeKey(String... parts) {
        for (String part : parts) {
            if (part == null) {
                return null;
            }
        }
        return String.join("/", parts);
    }
}
