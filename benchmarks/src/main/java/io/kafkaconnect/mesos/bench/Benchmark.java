package io.kafkaconnect.mesos.bench;

/** One benchmark of the harness: measures its subject and a baseline in the same run, and reports both. */
public interface Benchmark {

    /** The name that selects it on the command line, e.g. {@code stream}. */
    String name();

    /** One line on what it measures and against what. */
    String description();

    void run(Size size, Report report) throws Exception;
}
