package io.kafkaconnect.mesos.bench;

/** Keeps the JIT from removing work whose result a benchmark does not otherwise use. */
public final class Blackhole {

    private int hash;
    private long count;

    public void consume(Object value) {
        hash ^= System.identityHashCode(value);
        count++;
    }

    /** How many values were consumed. */
    public long count() {
        return count;
    }

    @Override
    public String toString() {
        return "Blackhole[" + count + ", " + hash + "]";
    }
}
