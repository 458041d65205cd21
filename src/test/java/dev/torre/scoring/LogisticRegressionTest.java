package dev.torre.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written logistic regression and its metrics, checked against independent computations. */
class LogisticRegressionTest {

    /** Dense rows → the sparse form (zeros left out). */
    private static LogisticRegression.Data data(double[][] x, boolean[] y) {
        int[] start = new int[x.length + 1];
        List<Integer> columns = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (x[i][j] != 0) {
                    columns.add(j);
                    values.add(x[i][j]);
                }
            }
            start[i + 1] = columns.size();
        }
        return new LogisticRegression.Data(x[0].length, start, columns.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray(), y);
    }

    private static LogisticRegression.Data planted(int n, long seed, double[] weights, double bias) {
        Random random = new Random(seed);
        double[][] x = new double[n][weights.length];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double eta = bias;
            for (int j = 0; j < weights.length; j++) {
                x[i][j] = j % 2 == 0 ? (random.nextDouble() < 0.3 ? 1 : 0) : random.nextGaussian() * 2 + 1;
                eta += weights[j] * x[i][j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta));
        }
        return data(x, y);
    }

    @Test
    void theGradientMatchesFiniteDifferences() {
        LogisticRegression.Data d = planted(300, 1, new double[] { 1.5, -0.7, 0.0 }, -0.3);
        LogisticRegression.Scale s = LogisticRegression.scale(d, 0, 300);
        LogisticRegression.Objective f = new LogisticRegression.Objective(d, 0, 300, s, 0.1);
        double[] theta = { 0.2, -0.4, 0.3, 0.9 };
        double[] grad = new double[4];
        f.evaluate(theta, grad);
        for (int k = 0; k < theta.length; k++) {
            double h = 1e-6;
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[k] += h;
            down[k] -= h;
            double numeric = (f.evaluate(up, new double[4]) - f.evaluate(down, new double[4])) / (2 * h);
            assertEquals(numeric, grad[k], 1e-6, "component " + k);
        }
    }

    @Test
    void itRecoversPlantedWeightsOnTheOriginalScale() {
        double[] weights = { 1.5, -0.7, 0.0, 0.4 };
        LogisticRegression.Data d = planted(20000, 7, weights, -0.5);
        LogisticRegression.Scale s = LogisticRegression.scale(d, 0, d.rows());
        LogisticRegression.Fit fit = LogisticRegression.fit(d, 0, d.rows(), s, 1e-6, 500);
        assertTrue(fit.converged(), "converged after " + fit.iterations());
        for (int j = 0; j < weights.length; j++) {
            // standardised coefficient / sd = the weight per unit of the feature
            assertEquals(weights[j], fit.coefficients()[j] / s.sd()[j], 0.12, "feature " + j);
        }
        double bias = fit.intercept();
        for (int j = 0; j < weights.length; j++) {
            bias -= fit.coefficients()[j] * s.mean()[j] / s.sd()[j];
        }
        assertEquals(-0.5, bias, 0.12);
    }

    @Test
    void theOptimumHasAZeroGradientAndAStrongerPenaltyShrinks() {
        LogisticRegression.Data d = planted(2000, 3, new double[] { 2, -1 }, 0);
        LogisticRegression.Scale s = LogisticRegression.scale(d, 0, 2000);
        LogisticRegression.Fit weak = LogisticRegression.fit(d, 0, 2000, s, 0.001, 500);
        LogisticRegression.Fit strong = LogisticRegression.fit(d, 0, 2000, s, 1.0, 500);
        double[] grad = new double[3];
        double[] theta = { weak.intercept(), weak.coefficients()[0], weak.coefficients()[1] };
        new LogisticRegression.Objective(d, 0, 2000, s, 0.001).evaluate(theta, grad);
        for (double g : grad) {
            assertEquals(0, g, 1e-5);
        }
        assertTrue(Math.abs(strong.coefficients()[0]) < Math.abs(weak.coefficients()[0]) / 2);
    }

    @Test
    void aConstantColumnKeepsAZeroCoefficientAndTheLogitMatchesTheObjective() {
        double[][] x = { { 1, 3 }, { 0, 3 }, { 1, 3 }, { 0, 3 }, { 1, 3 }, { 0, 3 } };
        boolean[] y = { true, false, true, true, false, false };
        LogisticRegression.Data d = data(x, y);
        LogisticRegression.Scale s = LogisticRegression.scale(d, 0, 6);
        assertEquals(0, s.sd()[1]);
        LogisticRegression.Fit fit = LogisticRegression.fit(d, 0, 6, s, 0.01, 100);
        assertEquals(0, fit.coefficients()[1]);
        double expected = fit.intercept() + fit.coefficients()[0] * (1 - s.mean()[0]) / s.sd()[0];
        assertEquals(expected, LogisticRegression.logit(d, 0, s, fit), 1e-12);
    }

    @Test
    void aucCountsTiesAsHalfAndNeedsBothClasses() {
        assertEquals(1.0, Metrics.auc(new double[] { 0.1, 0.2, 0.8, 0.9 }, new boolean[] { false, false, true, true }));
        assertEquals(0.0, Metrics.auc(new double[] { 0.9, 0.8, 0.2, 0.1 }, new boolean[] { false, false, true, true }));
        assertEquals(0.5, Metrics.auc(new double[] { 0.5, 0.5 }, new boolean[] { false, true }));
        // pairs (positive, negative): (0.4 vs 0.1) win, (0.4 vs 0.6) lose, (0.7 vs 0.1) win, (0.7 vs 0.6) win
        assertEquals(0.75, Metrics.auc(new double[] { 0.1, 0.4, 0.6, 0.7 }, new boolean[] { false, true, false, true }));
        assertNull(Metrics.auc(new double[] { 0.1, 0.2 }, new boolean[] { true, true }));
    }

    @Test
    void logLossAndCalibrationByDecile() {
        assertEquals(Math.log(2), Metrics.logLoss(new double[] { 0.5, 0.5 }, new boolean[] { true, false }), 1e-12);
        assertTrue(Metrics.logLoss(new double[] { 0, 1 }, new boolean[] { true, false }) > 30, "clipped, not infinite");
        double[] p = new double[100];
        boolean[] y = new boolean[100];
        for (int i = 0; i < 100; i++) {
            p[i] = i / 100.0;
            y[i] = i % 10 < i / 10;
        }
        List<Map<String, Object>> bins = Metrics.calibration(p, y);
        assertEquals(10, bins.size());
        assertEquals(Map.of("decile", 1, "count", 10, "meanPredicted", 0.045, "observedRate", 0.0), bins.getFirst());
        assertEquals(0.945, bins.getLast().get("meanPredicted"));
        assertEquals(0.9, bins.getLast().get("observedRate"));
    }
}
