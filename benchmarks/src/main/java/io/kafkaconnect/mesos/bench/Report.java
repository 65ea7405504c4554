package io.kafkaconnect.mesos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the benchmarks measured, in order: sections of figures (a value with its unit), notes, and checks (a ratio of
 * subject over baseline against its target). Printed as it goes, and rendered as Markdown at the end.
 */
public final class Report {

    private sealed interface Line permits Heading, Note, Figure, Check {
    }

    private record Heading(String title) implements Line {
    }

    private record Note(String text) implements Line {
    }

    /** One measured value. */
    public record Figure(String label, double value, String unit, String note) implements Line {
    }

    /** A ratio against a target: met when {@code ratio >= target} (or {@code <=}). */
    public record Check(String label, double ratio, String comparator, double target) implements Line {
        public boolean met() {
            return comparator.equals(">=") ? ratio >= target : ratio <= target;
        }
    }

    private final List<Line> lines = new ArrayList<>();

    public void section(String title) {
        lines.add(new Heading(title));
        System.out.println();
        System.out.println("== " + title);
    }

    public void figure(String label, double value, String unit) {
        figure(label, value, unit, "");
    }

    public void figure(String label, double value, String unit, String note) {
        lines.add(new Figure(label, value, unit, note));
        System.out.printf(Locale.ROOT, "  %-60s %14s %s%s%n", label, format(value), unit,
                note.isEmpty() ? "" : "  (" + note + ")");
    }

    public void note(String text) {
        lines.add(new Note(text));
        System.out.println("  " + text);
    }

    /** A ratio that should be at least {@code target}. */
    public void atLeast(String label, double ratio, double target) {
        check(new Check(label, ratio, ">=", target));
    }

    /** A ratio that should be at most {@code target}. */
    public void atMost(String label, double ratio, double target) {
        check(new Check(label, ratio, "<=", target));
    }

    private void check(Check check) {
        lines.add(check);
        System.out.printf(Locale.ROOT, "  %-60s %14s   target %s %s: %s%n", check.label(), ratio(check.ratio()),
                check.comparator(), format(check.target()), check.met() ? "MET" : "MISSED");
    }

    public List<Figure> figures() {
        return lines.stream().filter(Figure.class::isInstance).map(Figure.class::cast).toList();
    }

    public List<Check> checks() {
        return lines.stream().filter(Check.class::isInstance).map(Check.class::cast).toList();
    }

    /** The whole report as Markdown: a heading per section, its notes, and a table of its figures and checks. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        boolean inTable = false;
        for (Line line : lines) {
            if (line instanceof Heading h) {
                out.append("\n### ").append(h.title()).append("\n\n");
                inTable = false;
            } else if (line instanceof Note n) {
                out.append(inTable ? "\n" : "").append(n.text()).append("\n\n");
                inTable = false;
            } else {
                if (!inTable) {
                    out.append("| measure | value | |\n|---|---:|---|\n");
                    inTable = true;
                }
                if (line instanceof Figure f) {
                    out.append("| ").append(f.label()).append(" | ").append(format(f.value())).append(' ')
                            .append(f.unit()).append(" | ").append(f.note()).append(" |\n");
                } else if (line instanceof Check c) {
                    out.append("| **").append(c.label()).append("** | **").append(ratio(c.ratio()))
                            .append("** | target ").append(c.comparator()).append(' ').append(format(c.target()))
                            .append(": **").append(c.met() ? "met" : "missed").append("** |\n");
                }
            }
        }
        return out.toString();
    }

    /** A ratio with three decimals, so that one just past its target does not print as equal to it. */
    static String ratio(double value) {
        return Math.abs(value) >= 10 ? format(value) : String.format(Locale.ROOT, "%.3f", value);
    }

    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 100 || (value == Math.rint(value) && abs < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", value);
    }
}
