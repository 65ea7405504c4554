package io.kafkaconnect.mesos.codec;

import java.util.ArrayList;
import java.util.List;

/** Collects decode problems, capped so that hostile input cannot grow the list without bound. */
final class Problems {

    static final int MAX = 100;

    private List<String> items = List.of();
    private int dropped;

    void add(String problem) {
        if (items.isEmpty()) {
            items = new ArrayList<>(4);
        }
        if (items.size() < MAX) {
            items.add(problem);
        } else {
            dropped++;
        }
    }

    List<String> list() {
        if (dropped == 0) {
            return items;
        }
        List<String> all = new ArrayList<>(items);
        all.add("... and " + dropped + " more problems");
        return all;
    }
}
