package io.kafkaconnect.mesos.client.recordio;

import java.io.InputStream;
import java.util.List;

/** Serves bytes in the given read sizes, as a socket delivering HTTP chunks would. */
final class ChunkedInputStream extends InputStream {

    private final byte[] data;
    private final List<Integer> sizes;
    private int position;
    private int read;

    ChunkedInputStream(byte[] data, List<Integer> sizes) {
        this.data = data;
        this.sizes = sizes;
    }

    @Override
    public int read() {
        return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (position >= data.length) {
            return -1;
        }
        int size = sizes.isEmpty() ? data.length : Math.max(1, sizes.get(read++ % sizes.size()));
        int n = Math.min(Math.min(size, length), data.length - position);
        System.arraycopy(data, position, target, offset, n);
        position += n;
        return n;
    }

    int position() {
        return position;
    }
}
