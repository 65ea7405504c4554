package io.kafkaconnect.mesos.codec;

import java.util.ArrayList;
import java.util.List;

/** Collects decode problems, capped so that hostile input cannot grow the list without bound. */
final class Problems {

    static final int MAX = 100;

    private List<String> items = List.of();
    private int dropped;

    /** Input text (a key, an enum name) shortened for a problem message, so hostile input cannot make it huge. */
    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

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
