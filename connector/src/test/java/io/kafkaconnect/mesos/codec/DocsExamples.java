package io.kafkaconnect.mesos.codec;

import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON examples of the Mesos 1.11.0 operator API documentation, each mapped to the message type
 * its context names: a request is a {@code Call}, a response a {@code Response}, an event an {@code Event} (master or
 * agent package by section; the agent's streamed session output is {@code ProcessIO}).
 */
final class DocsExamples {

    /**
     * The public docs are not part of this repository: the build points here at the project's shared reference copy
     * ({@code ../shared/mesos/operator-http-api.txt} beside the clone), or {@code -Dmesos.docs.file=...}.
     */
    static final Path FILE = Path.of(System.getProperty("mesos.docs.file", "../../shared/mesos/operator-http-api.txt"));

    /** Agent responses that are RecordIO streams of ProcessIO records, not a Response. */
    private static final Set<String> PROCESS_IO_STREAMS = Set.of("LAUNCH_NESTED_CONTAINER_SESSION",
            "ATTACH_CONTAINER_OUTPUT");

    private static final Pattern HEADING = Pattern.compile(
            "^([A-Z_]+) (HTTP Request|HTTP Response|Request|Response Event|Event) \\(JSON\\):?$");

    /** One example: a unique name such as {@code master GET_STATE response}, its JSON text and its message type. */
    record Example(String name, String json, Message defaultInstance) {
        @Override
        public String toString() {
            return name;
        }
    }

    private DocsExamples() {
    }

    static List<Example> load() throws IOException {
        return extract(Files.readString(FILE, StandardCharsets.UTF_8).split("\n", -1));
    }

    static List<Example> extract(String[] lines) {
        List<Example> examples = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean agentSection = false;
        String heading = null;
        Message type = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("Agent API")) {
                agentSection = true;
                heading = null;
                continue;
            }
            Matcher m = HEADING.matcher(line.strip());
            if (m.matches()) {
                String kind = m.group(2).endsWith("Request") ? "request" : m.group(2).contains("Event") ? "event"
                        : "response";
                heading = (agentSection ? "agent " : "master ") + m.group(1) + " " + kind;
                type = typeFor(agentSection, m.group(1), kind);
                continue;
            }
            if (heading != null && line.startsWith("{")) {
                StringBuilder json = new StringBuilder(line).append('\n');
                while (++i < lines.length && !lines[i].startsWith("}")) {
                    json.append(lines[i]).append('\n');
                }
                json.append('}');
                int n = seen.merge(heading, 1, Integer::sum);
                examples.add(new Example(n == 1 ? heading : heading + " #" + n, json.toString(), type));
            }
        }
        return examples;
    }

    private static Message typeFor(boolean agent, String call, String kind) {
        if (!agent) {
            return switch (kind) {
                case "request" -> org.apache.mesos.v1.master.Protos.Call.getDefaultInstance();
                case "response" -> org.apache.mesos.v1.master.Protos.Response.getDefaultInstance();
                default -> org.apache.mesos.v1.master.Protos.Event.getDefaultInstance();
            };
        }
        if (kind.equals("request")) {
            return org.apache.mesos.v1.agent.Protos.Call.getDefaultInstance();
        }
        return PROCESS_IO_STREAMS.contains(call)
                ? org.apache.mesos.v1.agent.Protos.ProcessIO.getDefaultInstance()
                : org.apache.mesos.v1.agent.Protos.Response.getDefaultInstance();
    }
}
