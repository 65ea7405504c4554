package io.kafkaconnect.mesos.simulator.stream;

import io.kafkaconnect.mesos.simulator.http.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SUBSCRIBE connection. Events are queued (unbounded, like the real master's buffering) and written by the
 * connection's own thread in RecordIO framing, packed several per write and split at random points, each piece flushed
 * so that records and HTTP chunks never line up.
 */
public final class Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
  private static final Object CLOSE = new Object();

  private final long id;
  private final WireFormat format;
  private OutputStream out;
  private final Runnable onClose;
  private final Random random;
  private final EventStreamHub hub;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private volatile boolean garbageHeaderNext;
  private volatile long oversizedHeaderNext = -1;
  private volatile boolean truncateNext;

  Subscriber(long id, WireFormat format, Runnable onClose, long seed, EventStreamHub hub) {
    this.id = id;
    this.format = format;
    this.onClose = onClose;
    this.random = new Random(seed);
    this.hub = hub;
  }

  public long id() {
    return id;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Events queued for this stream and not yet written to its connection. */
  int queued() {
    return queue.size();
  }

  void enqueue(EncodedEvent event) {
    if (!closed) {
      queue.add(event);
    }
  }

  void armGarbageHeader() {
    garbageHeaderNext = true;
  }

  void armOversizedHeader(long declaredSize) {
    oversizedHeaderNext = declaredSize;
  }

  void armTruncate() {
    truncateNext = true;
  }

  /** Asks the writer loop to end the stream (EOF for the client). */
  void close() {
    closed = true;
    queue.add(CLOSE);
  }

  /**
   * Writes the queued and future records to {@code body} until the stream is closed or the client goes away. Runs on the
   * HTTP exchange's thread, after the response headers are sent.
   */
  public void runWriterLoop(OutputStream body) {
    this.out = body;
    try {
      while (true) {
        Object first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            break;
          }
          continue;
        }
        if (first == CLOSE) {
          break;
        }
        hub.awaitNotStalled(this);
        if (closed) {
          break;
        }
        List<Object> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, random.nextInt(4));
        if (!writeBatch(batch)) {
          break;
        }
      }
    } catch (IOException e) {
      LOG.debug("Subscriber {} went away: {}", id, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
      hub.unregister(this);
      onClose.run();
    }
  }

  /** Returns false when the stream must end after this batch (a truncation fault or a close marker). */
  private boolean writeBatch(List<Object> batch) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    boolean keepOpen = true;
    for (Object item : batch) {
      if (item == CLOSE) {
        keepOpen = false;
        break;
      }
      byte[] payload = ((EncodedEvent) item).bytes(format);
      String header;
      if (garbageHeaderNext) {
        garbageHeaderNext = false;
        header = "x" + payload.length + "!\n";
      } else if (oversizedHeaderNext >= 0) {
        header = oversizedHeaderNext + "\n";
        oversizedHeaderNext = -1;
      } else {
        header = payload.length + "\n";
      }
      packed.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
      if (truncateNext) {
        truncateNext = false;
        packed.write(payload, 0, payload.length / 2);
        keepOpen = false;
        break;
      }
      packed.writeBytes(payload);
    }
    writeSplit(packed.toByteArray());
    return keepOpen;
  }

  private void writeSplit(byte[] bytes) throws IOException {
    int offset = 0;
    while (offset < bytes.length) {
      int remaining = bytes.length - offset;
      int piece = remaining <= 1 ? remaining : 1 + random.nextInt(Math.min(remaining, 1 << 16));
      if (random.nextInt(4) == 0) {
        piece = remaining; // sometimes the whole rest in one chunk
      }
      out.write(bytes, offset, piece);
      out.flush();
      offset += piece;
    }
  }

}
