package io.kafkaconnect.mesos.simulator.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the response encoding from {@code Accept} like libprocess: JSON whenever it is acceptable (no header, {@code *}
 * wildcards and parameters included), protobuf only when JSON is not; an entry with {@code q=0} does not accept. The most
 * specific matching media range decides for each type.
 */
public final class AcceptNegotiation {

  private AcceptNegotiation() {
  }

  /** The chosen format, or empty for 406. */
  public static Optional<WireFormat> choose(List<String> acceptHeaders) {
    if (acceptHeaders == null || acceptHeaders.isEmpty()) {
      return Optional.of(WireFormat.JSON);
    }
    String joined = String.join(",", acceptHeaders);
    if (joined.isBlank()) {
      return Optional.of(WireFormat.JSON);
    }
    if (accepts(joined, WireFormat.JSON.mediaType())) {
      return Optional.of(WireFormat.JSON);
    }
    if (accepts(joined, WireFormat.PROTOBUF.mediaType())) {
      return Optional.of(WireFormat.PROTOBUF);
    }
    return Optional.empty();
  }

  /** Whether {@code gzip} is acceptable per {@code Accept-Encoding}. */
  public static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String header : acceptEncoding) {
      for (String entry : header.split(",")) {
        String[] parts = entry.trim().split(";");
        if (parts[0].trim().equalsIgnoreCase("gzip") && quality(parts) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean accepts(String header, String mediaType) {
    String type = mediaType.substring(0, mediaType.indexOf('/'));
    int bestSpecificity = -1;
    double bestQuality = 0;
    for (String entry : header.split(",")) {
      String[] parts = entry.trim().split(";");
      String range = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (range.equals(mediaType)) {
        specificity = 2;
      } else if (range.equals(type + "/*")) {
        specificity = 1;
      } else if (range.equals("*/*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        bestQuality = quality(parts);
      }
    }
    return bestSpecificity >= 0 && bestQuality > 0;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
