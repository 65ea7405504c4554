package io.kafkaconnect.mesos.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kafkaconnect.mesos.client.recordio.RecordIoReader;
import io.kafkaconnect.mesos.codec.Encoding;
import io.kafkaconnect.mesos.codec.MesosJson;
import io.kafkaconnect.mesos.simulator.SimulatedMesosCluster;
import io.kafkaconnect.mesos.simulator.WorkloadConfig;
import io.kafkaconnect.mesos.simulator.WorkloadGenerator;
import org.apache.mesos.v1.master.Protos.Call;

/**
 * Real wire bytes from the simulated Mesos 1.11 master, captured once per JVM for use as fuzz seeds: the start of a
 * SUBSCRIBE stream (RecordIO framing included) and the answers to the read calls the source polls, in both encodings.
 */
public final class SimulatorCapture {

    /** What one encoding's capture holds. */
    public record Capture(byte[] streamPrefix, List<byte[]> events, Map<String, byte[]> responses) {
    }

    private static final int EVENTS = 40;
    private static final List<Call.Type> READS = List.of(Call.Type.GET_STATE, Call.Type.GET_AGENTS,
            Call.Type.GET_FRAMEWORKS, Call.Type.GET_TASKS, Call.Type.GET_EXECUTORS, Call.Type.GET_ROLES,
            Call.Type.GET_WEIGHTS, Call.Type.GET_QUOTA, Call.Type.GET_MASTER, Call.Type.GET_VERSION,
            Call.Type.GET_HEALTH, Call.Type.GET_FLAGS, Call.Type.GET_METRICS, Call.Type.GET_MAINTENANCE_STATUS,
            Call.Type.GET_MAINTENANCE_SCHEDULE, Call.Type.GET_OPERATIONS);
    private static Map<Encoding, Capture> captured;

    private SimulatorCapture() {
    }

    public static synchronized Capture of(Encoding encoding) {
        if (captured == null) {
            captured = captureAll();
        }
        return captured.get(encoding);
    }

    private static Map<Encoding, Capture> captureAll() {
        Map<Encoding, Capture> all = new EnumMap<>(Encoding.class);
        try (SimulatedMesosCluster sim = SimulatedMesosCluster.builder().masters(1).seed(7)
                .heartbeatInterval(Duration.ofMillis(100)).build().start();
             WorkloadGenerator workload = new WorkloadGenerator(sim, WorkloadConfig.of(7, 3, 2, 6))) {
            workload.populate();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI api = URI.create(sim.leaderUrl() + "/api/v1");
            for (Encoding encoding : Encoding.values()) {
                Map<String, byte[]> responses = new LinkedHashMap<>();
                for (Call.Type type : READS) {
                    Call.Builder call = Call.newBuilder().setType(type);
                    if (type == Call.Type.GET_METRICS) {
                        call.setGetMetrics(Call.GetMetrics.getDefaultInstance()); // Mesos rejects it without
                    }
                    responses.put(type.name(), send(http, api, encoding, call.build()).body().readAllBytes());
                }
                all.put(encoding, stream(http, api, encoding, workload, responses));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static Capture stream(HttpClient http, URI api, Encoding encoding, WorkloadGenerator workload,
                                  Map<String, byte[]> responses) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(http, api, encoding,
                Call.newBuilder().setType(Call.Type.SUBSCRIBE).build());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> events = new ArrayList<>();
        try (InputStream body = new Tee(response.body(), wire)) {
            RecordIoReader reader = new RecordIoReader(body, 1 << 20, 64 << 20);
            events.add(reader.next()); // SUBSCRIBED, before the workload moves on
            workload.step(EVENTS);
            while (events.size() < EVENTS) {
                events.add(reader.next());
            }
            byte[] prefix = wire.toByteArray();
            return new Capture(Arrays.copyOf(prefix, (int) reader.bytesConsumed()), events, responses);
        }
    }

    private static HttpResponse<InputStream> send(HttpClient http, URI api, Encoding encoding, Call call)
            throws IOException, InterruptedException {
        byte[] body = encoding == Encoding.JSON ? MesosJson.toJsonBytes(call) : call.toByteArray();
        HttpRequest request = HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(30))
                .header("Content-Type", encoding.mediaType()).header("Accept", encoding.mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(call.getType() + " answered " + response.statusCode());
        }
        return response;
    }

    /** Copies what is read to a sink. */
    private static final class Tee extends FilterInputStream {
        private final ByteArrayOutputStream copy;

        Tee(InputStream in, ByteArrayOutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = super.read(target, offset, length);
            if (n > 0) {
                copy.write(target, offset, n);
            }
            return n;
        }
    }
}
