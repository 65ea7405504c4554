package io.kafkaconnect.mesos.lake;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkaconnect.mesos.source.schema.MesosSchemas;
import io.kafkaconnect.mesos.source.schema.NestedSchemas;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The comparison the lake tests rely on catches differences deep inside a row and names where they are. */
class RowAssertionsTest {

    @Test
    void equalRowsPass() {
        assertThatCode(() -> RowAssertions.assertSameRows(List.of(task("web", 2.0, 5L)), List.of(task("web", 2.0, 5L))))
                .doesNotThrowAnyException();
    }

    @Test
    void aDifferenceInsideANestedArrayIsReportedWithItsPath() {
        assertThatThrownBy(() -> RowAssertions.assertSameRows(List.of(task("web", 2.0, 5L)),
                List.of(task("db", 2.0, 5L))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("row 0.resources[0].reservations[0].role");
    }

    @Test
    void mapValuesTimestampsAndMissingRowsAreCompared() {
        assertThatThrownBy(() -> RowAssertions.assertSameRows(List.of(task("web", 2.0, 5L)),
                List.of(task("web", 3.0, 5L)))).hasMessageContaining("row 0.limits[cpus]");
        assertThatThrownBy(() -> RowAssertions.assertSameRows(List.of(task("web", 2.0, 5L)),
                List.of(task("web", 2.0, 6L)))).hasMessageContaining("row 0.ts");
        assertThatThrownBy(() -> RowAssertions.assertSameRows(List.of(task("web", 2.0, 5L)), List.of()))
                .hasMessageContaining("row count");
    }

    @Test
    void bytesAreComparedByContent() {
        Struct a = new Struct(MesosSchemas.EVENT).put("payload_bytes", new byte[] {1, 2});
        Struct same = new Struct(MesosSchemas.EVENT).put("payload_bytes", new byte[] {1, 2});
        Struct other = new Struct(MesosSchemas.EVENT).put("payload_bytes", new byte[] {1, 3});

        assertThatCode(() -> RowAssertions.assertSameRows(List.of(a), List.of(same))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RowAssertions.assertSameRows(List.of(a), List.of(other)))
                .hasMessageContaining("payload_bytes");
    }

    private static Struct task(String reservationRole, double cpuLimit, long ts) {
        Struct reservation = new Struct(NestedSchemas.RESERVATION).put("role", reservationRole);
        Struct resource = new Struct(NestedSchemas.RESOURCE).put("name", "mem").put("reservations", List.of(reservation));
        return new Struct(MesosSchemas.TASK).put("ts", new Date(ts)).put("resources", List.of(resource))
                .put("limits", Map.of("cpus", cpuLimit));
    }
}
