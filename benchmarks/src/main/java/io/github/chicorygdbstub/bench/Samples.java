package io.github.chicorygdbstub.bench;

import java.util.Arrays;

/** A growing list of measurements with the order statistics the figures use. */
final class Samples {
    private double[] values = new double[64];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    double median() {
        double[] sorted = sorted();
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }

    double min() {
        return percentile(0);
    }

    double max() {
        return percentile(100);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        double[] sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    private double[] sorted() {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }
}
