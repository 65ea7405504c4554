package io.kafkaconnect.mesos.source.mapping;

import static io.kafkaconnect.mesos.source.mapping.MesosJson.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.Op;
import io.kafkaconnect.mesos.source.schema.SourceInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Users with a schema registry run an Avro converter: every topic schema must convert to a valid Avro schema, and
 * rows must go through Avro binary encoding and back unchanged.
 */
class AvroCompatibilityTest {

    private static final SourceInfo SRC = new SourceInfo("m-1", "http://m:5050", "s-1", 5, true, false, "GET_STATE");
    private static final Instant T = Instant.parse("2026-11-21T13:40:00.123Z");

    static Iterable<String> topics() {
        return MesosSchemas.all().keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemaConvertsToAValidAvroSchema(String topic) {
        org.apache.avro.Schema avro = new AvroData(100).fromConnectSchema(MesosSchemas.all().get(topic));
        org.apache.avro.Schema reparsed = new org.apache.avro.Schema.Parser().parse(avro.toString());
        assertThat(reparsed.getType()).isEqualTo(org.apache.avro.Schema.Type.RECORD);
        assertThat(reparsed.getFullName()).isEqualTo(MesosSchemas.all().get(topic).name());
    }

    @Test
    void rowsSurviveAvroBinaryEncoding() throws IOException {
        for (Struct row : rows()) {
            AvroData avroData = new AvroData(100);
            Schema schema = row.schema();
            org.apache.avro.Schema avroSchema = avroData.fromConnectSchema(schema);
            Object record = avroData.fromConnectData(schema, row);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<>(avroSchema).write(record, encoder);
            encoder.flush();
            Object read = new GenericDatumReader<>(avroSchema)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

            Object back = avroData.toConnectData(avroSchema, read).value();
            // compared as JSON trees: Avro maps come back unordered
            assertThat(parse(ConnectRoundTrip.schemalessJson((Struct) back))).as(schema.name())
                    .isEqualTo(parse(ConnectRoundTrip.schemalessJson(row)));
        }
    }

    private static List<Struct> rows() {
        EntityMapper entities = new EntityMapper();
        EventMapper events = new EventMapper();
        List<Struct> rows = new ArrayList<>();
        rows.add(entities.task(parse(MesosJson.TASK), Op.READ, SRC, T));
        rows.add(entities.agent(parse(MesosJson.AGENT), Op.READ, SRC, T));
        rows.add(entities.recoveredAgent(parse(MesosJson.RECOVERED_AGENT), Op.READ, SRC, T));
        rows.add(entities.framework(parse(MesosJson.FRAMEWORK), false, Op.READ, SRC, T));
        rows.add(entities.executor(parse(MesosJson.EXECUTOR), Op.READ, SRC, T));
        rows.add(entities.role(parse(MesosJson.ROLE), Op.READ, SRC, T));
        rows.add(entities.quota(parse(MesosJson.GET_QUOTA).at("/get_quota/status/configs/0"), Op.READ, SRC, T));
        entities.maintenance(parse(MesosJson.MAINTENANCE_SCHEDULE), parse(MesosJson.MAINTENANCE_STATUS), Op.READ,
                SRC, T).forEach(row -> rows.add(row.value()));
        rows.add(entities.master(parse(MesosJson.GET_MASTER), parse(MesosJson.GET_VERSION), true,
                parse(MesosJson.GET_FLAGS), Op.READ, SRC, T));
        rows.add(entities.operation(parse(MesosJson.OPERATION), Op.READ, SRC, T));
        rows.addAll(entities.metrics(parse(MesosJson.GET_METRICS), SRC, T));
        rows.add(entities.heartbeat(SRC, T));
        for (String json : EventMapperTest.allEvents()) {
            rows.add(events.event(null, parse(json), json.getBytes(StandardCharsets.UTF_8), true, SRC, T));
        }
        rows.add(events.event("HEARTBEAT", parse(MesosJson.EVENT_HEARTBEAT), new byte[] {8, 9}, false, SRC, T));
        rows.add(entities.task(null, null, null, null));
        return rows;
    }
}
