package io.kafkaconnect.mesos.quickstart;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Command-line options of the quickstart.
 *
 * <pre>
 *   --master-url URL     use a real Mesos master instead of the simulated one
 *   --encoding E         json (default) or protobuf, for the event stream and calls
 *   --duration SECONDS   stop after this long (default: run until Ctrl-C)
 *   --rate N             simulated cluster: task transitions per second (default 20)
 * </pre>
 */
record QuickstartOptions(Optional<URI> masterUrl, String encoding, Optional<Duration> duration, int rate) {

    static QuickstartOptions parse(String[] args) {
        Optional<URI> masterUrl = Optional.ofNullable(System.getenv("MESOS_MASTER_URL"))
                .filter(s -> !s.isBlank()).map(URI::create);
        String encoding = "json";
        Optional<Duration> duration = Optional.empty();
        int rate = 20;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--master-url" -> masterUrl = Optional.of(URI.create(require(args[i], value)));
                case "--encoding" -> encoding = require(args[i], value);
                case "--duration" -> duration = Optional.of(Duration.ofSeconds(Long.parseLong(require(args[i], value))));
                case "--rate" -> rate = Integer.parseInt(require(args[i], value));
                case "--help", "-h" -> throw new IllegalArgumentException("usage");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        return new QuickstartOptions(masterUrl, encoding, duration, rate);
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static String usage() {
        return """
                usage: bin/quickstart [--master-url URL] [--encoding json|protobuf] [--duration SECONDS] [--rate N]
                  --master-url URL    a real Mesos master (or set MESOS_MASTER_URL); default: a simulated master
                  --encoding E        json (default) or protobuf
                  --duration SECONDS  stop after this long; default: run until Ctrl-C
                  --rate N            simulated cluster: task transitions per second (default 20)
                """;
    }
}
