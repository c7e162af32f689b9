package io.github.chicorygdbstub.bench;

/**
 * One line of the results table.
 *
 * @param name what was measured
 * @param value the measured value, in {@code unit}
 * @param unit unit of {@code value}
 * @param ratio the figure that is compared with the target (a ratio measured in the same run)
 * @param target the target, as text ("≥ 0.5"), or empty when there is none
 * @param met whether the ratio meets the target (true when there is no target)
 */
public record Figure(String name, double value, String unit, double ratio, String target, boolean met) {
    String row() {
        return String.format("| %s | %s %s | %.3f | %s | %s |", name, format(value), unit, ratio,
                target.isEmpty() ? "-" : target, target.isEmpty() ? "" : met ? "met" : "**not met**");
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.3g", v);
    }
}
