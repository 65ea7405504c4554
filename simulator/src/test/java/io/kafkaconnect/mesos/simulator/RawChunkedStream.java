package io.kafkaconnect.mesos.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Reads a SUBSCRIBE response off a raw socket so tests can see HTTP chunk boundaries, and tracks where RecordIO records
 * start relative to them.
 */
final class RawChunkedStream implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int chunksEndingMidRecord;
  private int chunksHoldingARecordEnd;
  private int recordsParsed;
  /** Offset in {@link #body} where the next record header starts. */
  private long nextRecordStart;

  private RawChunkedStream(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawChunkedStream subscribe(URI base) throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(10_000);
    byte[] payload = "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8);
    String head = "POST /api/v1 HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
        + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + payload.length
        + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(payload);
    out.flush();
    RawChunkedStream stream = new RawChunkedStream(socket);
    stream.readHeaders();
    return stream;
  }

  private void readHeaders() throws IOException {
    String line;
    boolean chunked = false;
    while (!(line = readLine()).isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked")) {
        chunked = true;
      }
    }
    if (!chunked) {
      throw new IOException("SUBSCRIBE response is not chunked");
    }
  }

  /** Reads HTTP chunks until {@code records} records are complete (at most {@code maxChunks} chunks). */
  void readRecords(int records, int maxChunks) throws IOException {
    for (int i = 0; i < maxChunks && recordsParsed < records; i++) {
      int size = Integer.parseInt(readLine().trim(), 16);
      if (size == 0) {
        return;
      }
      long chunkStart = body.size();
      body.write(in.readNBytes(size));
      readLine();
      long chunkEnd = body.size();
      boolean endInside = false;
      while (true) {
        byte[] all = body.toByteArray();
        int newline = -1;
        for (long p = nextRecordStart; p < all.length; p++) {
          if (all[(int) p] == '\n') {
            newline = (int) p;
            break;
          }
        }
        if (newline < 0) {
          break;
        }
        long length = Long.parseLong(new String(all, (int) nextRecordStart, (int) (newline - nextRecordStart),
            StandardCharsets.US_ASCII));
        long end = newline + 1 + length;
        if (end > all.length) {
          break;
        }
        if (end > chunkStart && end < chunkEnd) {
          endInside = true;
        }
        nextRecordStart = end;
        recordsParsed++;
      }
      if (nextRecordStart != chunkEnd) {
        chunksEndingMidRecord++;
      }
      if (endInside) {
        chunksHoldingARecordEnd++;
      }
    }
  }

  int chunksEndingMidRecord() {
    return chunksEndingMidRecord;
  }

  /** Chunks in which one record ends and the next begins: records packed into one chunk. */
  int chunksHoldingARecordEnd() {
    return chunksHoldingARecordEnd;
  }

  int recordsParsed() {
    return recordsParsed;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    if (b < 0 && line.length() == 0) {
      throw new IOException("EOF");
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
