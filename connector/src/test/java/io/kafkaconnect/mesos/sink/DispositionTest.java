package io.kafkaconnect.mesos.sink;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DispositionTest {

    @ParameterizedTest
    @CsvSource({"200,SUCCESS", "202,SUCCESS", "409,CONFLICT", "400,PERMANENT", "403,PERMANENT", "404,PERMANENT",
            "401,PERMANENT", "415,PERMANENT", "501,PERMANENT", "503,RETRY", "500,RETRY", "502,RETRY", "307,RETRY",
            "429,RETRY", "408,RETRY"})
    void statusesAreClassified(int status, Disposition expected) {
        assertThat(Disposition.of(status)).isEqualTo(expected);
    }
}
