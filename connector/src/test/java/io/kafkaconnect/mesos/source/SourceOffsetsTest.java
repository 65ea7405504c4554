package io.kafkaconnect.mesos.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kafkaconnect.mesos.source.poll.PollGroup;

class SourceOffsetsTest {

    @Test
    void streamPositionRoundTripsThroughAMap() {
        var position = new SourceOffsets.StreamPosition("master-1", "stream-9", 42, false, true);
        assertThat(SourceOffsets.StreamPosition.fromMap(position.toMap())).isEqualTo(position);
        assertThat(SourceOffsets.StreamPosition.fromMap(null)).isNull();
    }

    @Test
    void anIntegerSequenceFromAJsonRoundTripIsAccepted() {
        Map<String, Object> offset = new HashMap<>(Map.of("master_id", "m", "stream_id", "s", "sequence", 7,
                "snapshot", false, "snapshot_complete", true));
        assertThat(SourceOffsets.StreamPosition.fromMap(offset).sequence()).isEqualTo(7L);
    }

    @Test
    void resetsAreAlwaysAllowed() {
        assertThatCode(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), null)).doesNotThrowAnyException();
        assertThatCode(() -> SourceOffsets.validate(SourceOffsets.pollPartition(PollGroup.QUOTA), null))
                .doesNotThrowAnyException();
    }

    @Test
    void validEditsPass() {
        assertThatCode(() -> SourceOffsets.validate(SourceOffsets.streamPartition(),
                new SourceOffsets.StreamPosition("m", "s", 1, true, false).toMap())).doesNotThrowAnyException();
        assertThatCode(() -> SourceOffsets.validate(SourceOffsets.pollPartition(PollGroup.METRICS),
                SourceOffsets.pollOffset(123))).doesNotThrowAnyException();
    }

    @Test
    void unknownPartitionsAreRejected() {
        assertThatThrownBy(() -> SourceOffsets.validate(Map.of("source", "file"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown source partition");
        assertThatThrownBy(() -> SourceOffsets.validate(Map.of("source", "poll", "group", "bogus"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceOffsets.validate(Map.of("source", "stream", "x", "y"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceOffsets.validate(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedOffsetsAreRejectedWithTheKeyNamed() {
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), Map.of("sequence", -1L)))
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), Map.of("sequence", 1.5)))
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), Map.of("snapshot", "yes")))
                .hasMessageContaining("snapshot");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), Map.of("master_id", 5)))
                .hasMessageContaining("master_id");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.streamPartition(), Map.of("resume_token", "x")))
                .hasMessageContaining("resume_token");
        assertThatThrownBy(() -> SourceOffsets.validate(SourceOffsets.pollPartition(PollGroup.ROLES),
                Map.of("polled_at", "yesterday"))).hasMessageContaining("polled_at");
    }
}
