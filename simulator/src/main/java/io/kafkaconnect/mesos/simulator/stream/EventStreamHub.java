package io.kafkaconnect.mesos.simulator.stream;

import io.kafkaconnect.mesos.simulator.http.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.master.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's set of open SUBSCRIBE streams: fan-out of events, per-stream heartbeats, the subscriber cap (evicting the
 * oldest), and the stall/drop faults. {@link #publish} is called under the state lock, so every stream sees the same order.
 */
public final class EventStreamHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreamHub.class);
  private static final EncodedEvent HEARTBEAT =
      new EncodedEvent(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());

  private final int maxSubscribers;
  private final Duration heartbeatInterval;
  private final boolean heartbeats;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mesos-sim-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final Map<Subscriber, ScheduledFuture<?>> subscribers = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final long seed;
  private boolean stalled;

  /**
   * @param heartbeats whether this master version sends HEARTBEAT events at all (1.5+)
   */
  public EventStreamHub(int maxSubscribers, Duration heartbeatInterval, boolean heartbeats, long seed) {
    this.maxSubscribers = maxSubscribers;
    this.heartbeatInterval = heartbeatInterval;
    this.heartbeats = heartbeats;
    this.seed = seed;
  }

  /** The next record on every stream open now gets a non-numeric header. */
  public synchronized void armGarbageHeader() {
    subscribers.keySet().forEach(Subscriber::armGarbageHeader);
  }

  /** The next record on every stream open now declares {@code declaredSize} bytes. */
  public synchronized void armOversizedHeader(long declaredSize) {
    if (declaredSize < 0) {
      throw new IllegalArgumentException("declaredSize must be >= 0");
    }
    subscribers.keySet().forEach(s -> s.armOversizedHeader(declaredSize));
  }

  /** The next record on every stream open now is cut in half, then the stream ends. */
  public synchronized void armTruncate() {
    subscribers.keySet().forEach(Subscriber::armTruncate);
  }

  /**
   * Registers a new stream whose first record is {@code subscribed}; queues the immediate HEARTBEAT and starts the
   * periodic ones. Call it while holding the state lock, right after taking the snapshot.
   */
  public synchronized Subscriber register(WireFormat format, Runnable onClose, Event subscribed) {
    long id = ids.incrementAndGet();
    Subscriber subscriber = new Subscriber(id, format, onClose, seed * 31 + id, this);
    subscriber.enqueue(new EncodedEvent(subscribed));
    ScheduledFuture<?> beat = null;
    if (heartbeats) {
      subscriber.enqueue(HEARTBEAT);
      long periodMs = Math.max(1, heartbeatInterval.toMillis());
      beat = timer.scheduleAtFixedRate(() -> heartbeat(subscriber), periodMs, periodMs, TimeUnit.MILLISECONDS);
    }
    subscribers.put(subscriber, beat);
    while (subscribers.size() > maxSubscribers) {
      Subscriber oldest = subscribers.keySet().iterator().next();
      LOG.info("Subscriber cap {} exceeded: closing the oldest stream {}", maxSubscribers, oldest.id());
      remove(oldest).close();
    }
    return subscriber;
  }

  /** Queues the event for every open stream. */
  public synchronized void publish(Event event) {
    if (subscribers.isEmpty()) {
      return;
    }
    EncodedEvent encoded = new EncodedEvent(event);
    for (Subscriber s : subscribers.keySet()) {
      s.enqueue(encoded);
    }
  }

  public synchronized boolean hasSubscribers() {
    return !subscribers.isEmpty();
  }

  public synchronized int subscriberCount() {
    return subscribers.size();
  }

  /** Events queued for the open streams and not yet written: what the master buffers for slow readers. */
  public synchronized long bufferedEvents() {
    return subscribers.keySet().stream().mapToLong(Subscriber::queued).sum();
  }

  /** Ends every open stream (the client sees EOF). */
  public void closeAll() {
    List<Subscriber> all;
    synchronized (this) {
      all = new ArrayList<>(subscribers.keySet());
      for (Subscriber s : all) {
        remove(s);
      }
    }
    all.forEach(Subscriber::close);
  }

  /** Ends the given streams. */
  public void closeAll(List<Subscriber> streams) {
    synchronized (this) {
      streams.forEach(this::remove);
    }
    streams.forEach(Subscriber::close);
  }

  /** While stalled, open streams receive no bytes and no heartbeats; queued events are kept for later. */
  public synchronized void stall() {
    stalled = true;
  }

  public synchronized void resume() {
    stalled = false;
    notifyAll();
  }

  synchronized void awaitNotStalled(Subscriber subscriber) throws InterruptedException {
    while (stalled && !subscriber.isClosed()) {
      wait(100);
    }
  }

  synchronized void unregister(Subscriber subscriber) {
    remove(subscriber);
  }

  private Subscriber remove(Subscriber subscriber) {
    ScheduledFuture<?> beat = subscribers.remove(subscriber);
    if (beat != null) {
      beat.cancel(false);
    }
    return subscriber;
  }

  private synchronized void heartbeat(Subscriber subscriber) {
    if (!stalled && subscribers.containsKey(subscriber)) {
      subscriber.enqueue(HEARTBEAT);
    }
  }

  @Override
  public void close() {
    closeAll();
    timer.shutdownNow();
  }
}
