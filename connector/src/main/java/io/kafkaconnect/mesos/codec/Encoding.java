package io.kafkaconnect.mesos.codec;

import java.util.Locale;

/**
 * The two body encodings a Mesos master speaks on {@code /api/v1}. The media types are sent exactly as written
 * here: a real master compares {@code Content-Type} as a plain string and answers 415 to any parameter such as
 * {@code ; charset=utf-8}.
 */
public enum Encoding {
    JSON("application/json"),
    PROTOBUF("application/x-protobuf");

    private final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Config spelling: {@code json} or {@code protobuf}, case-insensitive. */
    public static Encoding fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
