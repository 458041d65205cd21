package dev.torre.scoring;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * L2-regularised logistic regression on standardised features, fitted by L-BFGS. Rows are sparse (most features
 * are one-hot or counts that are usually 0); standardisation is applied implicitly, so a row costs its non-zero
 * entries only: η = b + Σ w·(x − μ)/σ = (b − Σ w·μ/σ) + Σ_{x≠0} (w/σ)·x.
 *
 * <p>Minimises mean log loss + λ/2·|w|² (the intercept is not penalised). A small, self-contained implementation:
 * no Java ML library in reach builds natively and offline, and the whole model is a few dozen numbers.
 */
final class LogisticRegression {

    private static final int HISTORY = 10;

    /**
     * Sparse rows (compressed): row i holds columns {@code column[start[i]] .. column[start[i+1]-1]} with the
     * matching {@code value}s.
     */
    record Data(int columns, int[] start, int[] column, double[] value, boolean[] label) {
        int rows() {
            return label.length;
        }
    }

    /** Column means and standard deviations over the training rows. */
    record Scale(double[] mean, double[] sd) {
    }

    /** The fitted intercept and coefficients, both on the standardised scale. */
    record Fit(double intercept, double[] coefficients, int iterations, boolean converged) {
    }

    private LogisticRegression() {
    }

    /** Means and standard deviations of each column over rows {@code [from, to)}, zeros included. */
    static Scale scale(Data d, int from, int to) {
        double[] sum = new double[d.columns()];
        double[] squares = new double[d.columns()];
        for (int i = from; i < to; i++) {
            for (int k = d.start()[i]; k < d.start()[i + 1]; k++) {
                double x = d.value()[k];
                sum[d.column()[k]] += x;
                squares[d.column()[k]] += x * x;
            }
        }
        int n = to - from;
        double[] mean = new double[d.columns()];
        double[] sd = new double[d.columns()];
        for (int j = 0; j < d.columns(); j++) {
            mean[j] = sum[j] / n;
            sd[j] = Math.sqrt(Math.max(0, squares[j] / n - mean[j] * mean[j]));
        }
        return new Scale(mean, sd);
    }

    /** Fits on rows {@code [from, to)}; columns with no spread (sd 0) keep a coefficient of 0. */
    static Fit fit(Data d, int from, int to, Scale s, double l2, int maxIterations) {
        Objective f = new Objective(d, from, to, s, l2);
        int dim = d.columns() + 1;
        double[] theta = new double[dim];
        double[] grad = new double[dim];
        double value = f.evaluate(theta, grad);
        Deque<double[][]> history = new ArrayDeque<>();
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            if (maxAbs(grad) < 1e-6) {
                converged = true;
                break;
            }
            double[] direction = direction(grad, history);
            double slope = dot(direction, grad);
            if (slope >= 0) {
                // not a descent direction (can follow a poor curvature pair): restart from steepest descent
                history.clear();
                direction = negated(grad);
                slope = dot(direction, grad);
            }
            double step = history.isEmpty() ? Math.min(1, 1 / Math.max(1e-12, norm(grad))) : 1;
            double[] next = new double[dim];
            double[] nextGrad = new double[dim];
            double nextValue;
            int halvings = 0;
            while (true) {
                for (int j = 0; j < dim; j++) {
                    next[j] = theta[j] + step * direction[j];
                }
                nextValue = f.evaluate(next, nextGrad);
                if (nextValue <= value + 1e-4 * step * slope || halvings++ > 40) {
                    break;
                }
                step /= 2;
            }
            double[] sStep = new double[dim];
            double[] yStep = new double[dim];
            for (int j = 0; j < dim; j++) {
                sStep[j] = next[j] - theta[j];
                yStep[j] = nextGrad[j] - grad[j];
            }
            if (dot(sStep, yStep) > 1e-12) {
                history.addLast(new double[][] { sStep, yStep });
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            iteration++;
            boolean stalled = Math.abs(value - nextValue) <= 1e-12 * Math.max(1, Math.abs(value));
            theta = next;
            grad = nextGrad;
            value = nextValue;
            if (stalled) {
                converged = maxAbs(grad) < 1e-4;
                break;
            }
        }
        double[] coefficients = new double[d.columns()];
        System.arraycopy(theta, 1, coefficients, 0, d.columns());
        return new Fit(theta[0], coefficients, iteration, converged);
    }

    /** The logit of row i under a fit: intercept plus Σ coefficient × standardised value. */
    static double logit(Data d, int i, Scale s, Fit fit) {
        double eta = fit.intercept();
        for (int j = 0; j < d.columns(); j++) {
            if (s.sd()[j] > 0) {
                eta -= fit.coefficients()[j] * s.mean()[j] / s.sd()[j];
            }
        }
        for (int k = d.start()[i]; k < d.start()[i + 1]; k++) {
            int j = d.column()[k];
            if (s.sd()[j] > 0) {
                eta += fit.coefficients()[j] * d.value()[k] / s.sd()[j];
            }
        }
        return eta;
    }

    static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    /** The mean log loss with its L2 penalty, and its gradient, over a range of rows. */
    static final class Objective {
        private final Data d;
        private final int from;
        private final int to;
        private final Scale s;
        private final double l2;

        Objective(Data d, int from, int to, Scale s, double l2) {
            this.d = d;
            this.from = from;
            this.to = to;
            this.s = s;
            this.l2 = l2;
        }

        /** theta = [intercept, coefficients...]; fills grad and answers the objective. */
        double evaluate(double[] theta, double[] grad) {
            int m = d.columns();
            double[] perUnit = new double[m];
            double offset = theta[0];
            for (int j = 0; j < m; j++) {
                if (s.sd()[j] > 0) {
                    perUnit[j] = theta[j + 1] / s.sd()[j];
                    offset -= perUnit[j] * s.mean()[j];
                }
            }
            double loss = 0;
            double residualSum = 0;
            double[] residualByColumn = new double[m];
            for (int i = from; i < to; i++) {
                double eta = offset;
                for (int k = d.start()[i]; k < d.start()[i + 1]; k++) {
                    eta += perUnit[d.column()[k]] * d.value()[k];
                }
                boolean y = d.label()[i];
                loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - (y ? eta : 0);
                double r = sigmoid(eta) - (y ? 1 : 0);
                residualSum += r;
                for (int k = d.start()[i]; k < d.start()[i + 1]; k++) {
                    residualByColumn[d.column()[k]] += r * d.value()[k];
                }
            }
            int n = to - from;
            grad[0] = residualSum / n;
            double penalty = 0;
            for (int j = 0; j < m; j++) {
                double w = theta[j + 1];
                grad[j + 1] = s.sd()[j] > 0 ? (residualByColumn[j] - s.mean()[j] * residualSum) / s.sd()[j] / n + l2 * w : 0;
                penalty += w * w;
            }
            return loss / n + l2 / 2 * penalty;
        }
    }

    /** The L-BFGS two-loop recursion: an approximate Newton direction from the recent steps. */
    private static double[] direction(double[] grad, Deque<double[][]> history) {
        double[] q = negated(grad);
        int size = history.size();
        double[] alpha = new double[size];
        double[][][] pairs = history.toArray(new double[0][][]);
        for (int k = size - 1; k >= 0; k--) {
            double rho = 1 / dot(pairs[k][1], pairs[k][0]);
            alpha[k] = rho * dot(pairs[k][0], q);
            axpy(-alpha[k], pairs[k][1], q);
        }
        if (size > 0) {
            double[][] last = pairs[size - 1];
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int j = 0; j < q.length; j++) {
                q[j] *= gamma;
            }
        }
        for (int k = 0; k < size; k++) {
            double rho = 1 / dot(pairs[k][1], pairs[k][0]);
            double beta = rho * dot(pairs[k][1], q);
            axpy(alpha[k] - beta, pairs[k][0], q);
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negated(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
