package io.kafkaconnect.mesos.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.kafkaconnect.mesos.simulator.http.AcceptNegotiation;
import io.kafkaconnect.mesos.simulator.http.WireFormat;
import io.kafkaconnect.mesos.simulator.json.JsonConversionException;
import io.kafkaconnect.mesos.simulator.json.MesosJsonReader;
import io.kafkaconnect.mesos.simulator.json.MesosJsonWriter;
import io.kafkaconnect.mesos.simulator.stream.Subscriber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1} and {@code /master/api/v1}: the checks of a real master in their order (auth, leadership, recovery,
 * method, Content-Type, parsing, validation, Accept, UNKNOWN), then the call itself.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int GZIP_THRESHOLD = 1024;

  private final SimulatedMesosCluster cluster;
  private final MasterNode node;

  ApiHandler(SimulatedMesosCluster cluster, MasterNode node) {
    this.cluster = cluster;
    this.node = node;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean streaming = false;
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      streaming = process(exchange, body);
    } catch (IOException e) {
      LOG.debug("Client went away on master {}: {}", node.index(), e.toString());
    } catch (RuntimeException e) {
      LOG.error("Simulated master {} failed on a request", node.index(), e);
      try {
        sendText(exchange, 500, "Internal error: " + e);
      } catch (IOException ignored) {
        // the client is gone as well
      }
    } finally {
      if (!streaming) {
        exchange.close();
      }
    }
  }

  /** Returns true when the exchange became a stream that has already been closed by its writer loop. */
  private boolean process(HttpExchange exchange, byte[] body) throws IOException {
    SimulatorSettings settings = cluster.settings();
    String principal = null;
    if (settings.credentials() != null) {
      principal = authenticate(exchange, settings.credentials());
      if (principal == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"mesos-master-readwrite\"");
        sendText(exchange, 401, "401 Unauthorized.");
        return false;
      }
    }
    MasterNode leader = cluster.leaderNode();
    if (leader != node) {
      if (leader == null) {
        sendText(exchange, 503, "No leader elected");
      } else {
        exchange.getResponseHeaders().set("Location", "//" + leader.hostname() + ":" + leader.port()
            + "/master/api/v1");
        exchange.sendResponseHeaders(307, -1);
      }
      return false;
    }
    if (cluster.isRecovering()) {
      sendText(exchange, 503, "Master has not finished recovery");
      return false;
    }
    Faults.InjectedFailure failure = cluster.faults().takeFailure();
    if (failure != null) {
      sendText(exchange, failure.status(), failure.text());
      return false;
    }
    String method = exchange.getRequestMethod();
    if (!"POST".equals(method)) {
      exchange.getResponseHeaders().set("Allow", "POST");
      sendText(exchange, 405, "405 Method Not Allowed. Expecting one of { 'POST' }, but received '" + method + "'.");
      return false;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null) {
      sendText(exchange, 400, "Expecting 'Content-Type' to be present");
      return false;
    }
    Call call;
    String requestJson;
    if (contentType.equals(WireFormat.PROTOBUF.mediaType())) {
      try {
        call = Call.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        sendText(exchange, 400, "Failed to parse body into Call protobuf");
        return false;
      }
      requestJson = MesosJsonWriter.toJson(call);
    } else if (contentType.equals(WireFormat.JSON.mediaType())) {
      try {
        call = MesosJsonReader.parse(body, Call.newBuilder()).build();
      } catch (JsonConversionException e) {
        sendText(exchange, 400, (e.isSyntaxError() ? "Failed to parse body into JSON: "
            : "Failed to convert JSON into Call protobuf: ") + e.getMessage());
        return false;
      }
      requestJson = new String(body, StandardCharsets.UTF_8);
    } else {
      sendText(exchange, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
      return false;
    }
    CallSupport support = CallSupport.of(call, settings.version());
    if (support == CallSupport.ABSENT || !call.hasType()) {
      sendText(exchange, 400, "Failed to validate master::Call: Expecting 'type' to be present");
      return false;
    }
    String missing = missingSubMessage(call);
    if (missing != null) {
      sendText(exchange, 400, "Failed to validate master::Call: Expecting '" + missing + "' to be present");
      return false;
    }
    Optional<WireFormat> format = AcceptNegotiation.choose(exchange.getRequestHeaders().get("Accept"));
    if (format.isEmpty()) {
      sendText(exchange, 406, "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'");
      return false;
    }
    if (call.getType() == Call.Type.UNKNOWN || support == CallSupport.NOT_IMPLEMENTED) {
      sendText(exchange, 501, "501 Not Implemented.");
      return false;
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      subscribe(exchange, format.get());
      return true;
    }
    CallOutcome outcome = dispatch(call, requestJson, principal);
    if (CallSupport.isWrite(call.getType()) && outcome.errorText() == null
        && cluster.faults().takeDroppedWriteResponse(call.getType())) {
      LOG.debug("Dropping the connection after applying {} (injected fault)", call.getType());
      return false; // closing an exchange whose headers were never sent closes the connection itself
    }
    Duration delay = cluster.faults().responseDelay();
    if (!delay.isZero()) {
      sleep(delay);
    }
    send(exchange, outcome, format.get());
    return false;
  }

  private CallOutcome dispatch(Call call, String requestJson, String principal) {
    if (CallSupport.isWrite(call.getType())) {
      try {
        return cluster.writeCalls().handle(call, requestJson, principal);
      } catch (CallFailure e) {
        return CallOutcome.error(e.status(), e.getMessage());
      }
    }
    return cluster.readCalls(node).handle(call);
  }

  private void subscribe(HttpExchange exchange, WireFormat format) throws IOException {
    ClusterState state = cluster.state();
    Subscriber subscriber;
    synchronized (state.lock) {
      Event.Subscribed.Builder subscribed = Event.Subscribed.newBuilder().setGetState(state.getStateLocked());
      if (state.version.atLeast(1, 5)) {
        subscribed.setHeartbeatIntervalSeconds(cluster.settings().heartbeatInterval().toMillis() / 1000.0);
      }
      Event first = Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(subscribed).build();
      subscriber = state.hub.register(format, exchange::close, first);
    }
    LOG.debug("Master {} opened event stream {} ({})", node.index(), subscriber.id(), format);
    exchange.getResponseHeaders().set("Content-Type", format.mediaType());
    try {
      exchange.sendResponseHeaders(200, 0);
    } catch (IOException e) {
      state.hub.closeAll(java.util.List.of(subscriber));
      throw e;
    }
    subscriber.runWriterLoop(exchange.getResponseBody());
  }

  private static String missingSubMessage(Call call) {
    String name = call.getType().name().toLowerCase(java.util.Locale.ROOT);
    FieldDescriptor field = Call.getDescriptor().findFieldByName(name);
    if (field != null && !call.hasField(field)) {
      return name;
    }
    return null;
  }

  private static String authenticate(HttpExchange exchange, SimulatorSettings.Credentials credentials) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    String secret = decoded.substring(colon + 1);
    boolean userOk = java.security.MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
        credentials.principal().getBytes(StandardCharsets.UTF_8));
    boolean secretOk = java.security.MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
        credentials.secret().getBytes(StandardCharsets.UTF_8));
    return userOk && secretOk ? user : null;
  }

  private static void send(HttpExchange exchange, CallOutcome outcome, WireFormat format) throws IOException {
    if (outcome.errorText() != null) {
      sendText(exchange, outcome.status(), outcome.errorText());
      return;
    }
    if (outcome.response() == null) {
      exchange.sendResponseHeaders(outcome.status(), -1);
      return;
    }
    byte[] body = format == WireFormat.JSON ? MesosJsonWriter.toBytes(outcome.response())
        : outcome.response().toByteArray();
    exchange.getResponseHeaders().set("Content-Type", format.mediaType());
    if (body.length >= GZIP_THRESHOLD
        && AcceptNegotiation.acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
        gzip.write(body);
      }
      body = compressed.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(outcome.status(), body.length);
    exchange.getResponseBody().write(body);
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
