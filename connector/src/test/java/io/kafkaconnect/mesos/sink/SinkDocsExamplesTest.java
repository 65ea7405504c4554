package io.kafkaconnect.mesos.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.kafkaconnect.mesos.client.MesosVersion;
import io.kafkaconnect.mesos.codec.MesosJson;
import org.apache.mesos.v1.master.Protos.Call;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call example in docs/sink.md reads and validates, and there is one per supported call type. */
class SinkDocsExamplesTest {

    @Test
    void everyDocumentedCallIsValid() throws Exception {
        List<String> examples = Files.readAllLines(Path.of("..", "docs", "sink.md")).stream()
                .filter(l -> l.startsWith("{\"type\":")).toList();
        CommandValidator validator = new CommandValidator(CallCatalog.supported());
        MesosCallDecoder decoder = new MesosCallDecoder();
        Set<Call.Type> seen = EnumSet.noneOf(Call.Type.class);
        for (String example : examples) {
            Call call = decoder.fromJson(MesosJson.mapper().readTree(example));
            validator.validate(new Command("doc", Command.IdOrigin.ENVELOPE, call, 0, false, null,
                    new SourcePosition("docs", 0, 0)), MesosVersion.parse("1.11.0"), 0);
            assertThat(seen.add(call.getType())).as("one example per type: " + call.getType()).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(CallCatalog.supported());
    }

    @Test
    void everySinkConfigKeyIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "sink.md"));
        for (String key : MesosSinkConnectorConfig.CONFIG_DEF.names()) {
            if (!key.startsWith("mesos.")) {
                assertThat(docs).as(key).contains("`" + key + "`");
            }
        }
    }
}
