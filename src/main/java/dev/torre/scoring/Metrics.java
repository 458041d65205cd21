package dev.torre.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How well predicted probabilities match outcomes: AUC, log loss and calibration by decile. */
final class Metrics {

    private Metrics() {
    }

    /** The probability that a random positive ranks above a random negative (ties count half); null without both classes. */
    static Double auc(double[] p, boolean[] y) {
        Integer[] order = sortedIndices(p);
        double positiveRanks = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]]) {
                    positiveRanks += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = p.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The mean negative log-likelihood, probabilities clipped away from 0 and 1. */
    static double logLoss(double[] p, boolean[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            sum -= y[i] ? Math.log(q) : Math.log(1 - q);
        }
        return sum / p.length;
    }

    /** Ten bins of (about) equal size by predicted probability: count, mean prediction, observed rate. */
    static List<Map<String, Object>> calibration(double[] p, boolean[] y) {
        Integer[] order = sortedIndices(p);
        List<Map<String, Object>> bins = new ArrayList<>();
        int n = p.length;
        for (int b = 0; b < 10; b++) {
            int from = (int) ((long) n * b / 10);
            int to = (int) ((long) n * (b + 1) / 10);
            if (to <= from) {
                continue;
            }
            double predicted = 0;
            int observed = 0;
            for (int k = from; k < to; k++) {
                predicted += p[order[k]];
                observed += y[order[k]] ? 1 : 0;
            }
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("decile", b + 1);
            bin.put("count", to - from);
            bin.put("meanPredicted", round(predicted / (to - from)));
            bin.put("observedRate", round((double) observed / (to - from)));
            bins.add(bin);
        }
        return bins;
    }

    static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    private static Integer[] sortedIndices(double[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }
}
