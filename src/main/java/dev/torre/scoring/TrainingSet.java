package dev.torre.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import dev.torre.platform.persistence.Sql;
import dev.torre.platform.query.SqlFragment;

/**
 * The lead-conversion examples of a tenant, oldest lead first, with their features as sparse rows. Label: the
 * contact became a customer (lifecycle stage customer or evangelist from the event log, a paid order placed, or a
 * deal it is on won — whichever came first) within the label window
 * of becoming a lead (its creation). Features are read as of the conversion for positives and as of the end of
 * the window for negatives; contacts still inside their window, and contacts that were customers before becoming
 * leads, are left out.
 */
record TrainingSet(List<UUID> ids, List<String> featureNames, LogisticRegression.Data data, int positives,
        int negatives) {

    static SqlFragment examples(String tenant, int windowDays, Instant now) {
        // the conversions are materialised first: planned inline, PostgreSQL may rescan the log once per contact
        return Features.concat(SqlFragment.of("""
                select * from (
                  with converted as materialized (
                """), Features.conversions(tenant), SqlFragment.of("""
                  )
                  select c.id as contact_id, c.created_at as lead_at,
                         coalesce(v.converted_at <= c.created_at + make_interval(days => ?), false) as label,
                         case when v.converted_at <= c.created_at + make_interval(days => ?) then v.converted_at
                              else c.created_at + make_interval(days => ?) end as as_of
                  from contact c left join converted v on v.contact_id = c.id
                  where c.tenant_id = ? and c.archived_at is null
                    and not (c.lifecycle_stage in ('customer', 'evangelist') and v.converted_at is null)
                    and (v.converted_at is null or v.converted_at >= c.created_at)
                    and (v.converted_at <= c.created_at + make_interval(days => ?)
                         or c.created_at + make_interval(days => ?) <= cast(? as timestamptz))
                ) examples
                """, windowDays, windowDays, windowDays, tenant, windowDays, windowDays, now));
    }

    /**
     * Loads the examples and their features; the vocabulary is the features present in at least {@code minSupport}
     * of the first {@code trainRows}-share of examples, the {@code maxFeatures} most frequent.
     */
    static TrainingSet load(EntityManager em, String tenant, int windowDays, Instant now, double trainShare,
            int minSupport, int maxFeatures) {
        SqlFragment examples = examples(tenant, windowDays, now);
        return build(em, Features.concat(SqlFragment.of("select contact_id, label from ("), examples,
                SqlFragment.of(") x order by lead_at, contact_id")),
                Features.concat(SqlFragment.of("with obs as (select contact_id as id, contact_id, as_of from ("), examples,
                        SqlFragment.of(") x)\nselect id, feature, value from (\n"), Features.pieces(tenant),
                        SqlFragment.of(") f(id, feature, value)")),
                trainShare, minSupport, maxFeatures);
    }

    /**
     * Any kind's examples: {@code examples} answers {@code (id, label)} in time order, {@code features} answers
     * {@code (id, feature, value)} for the present features of those ids.
     */
    static TrainingSet build(EntityManager em, SqlFragment examples, SqlFragment features, double trainShare,
            int minSupport, int maxFeatures) {
        record Example(UUID id, boolean label) {
        }
        List<Example> rows = Sql.query(em, examples, r -> new Example(Sql.uuid(r, 1), r.getBoolean(2)));
        Map<UUID, Integer> index = new HashMap<>(rows.size() * 2);
        boolean[] labels = new boolean[rows.size()];
        int positives = 0;
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).id(), i);
            labels[i] = rows.get(i).label();
            positives += labels[i] ? 1 : 0;
        }
        int trainRows = (int) Math.round(rows.size() * trainShare);

        List<int[]> cells = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Map<String, Integer> featureIds = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<Integer> support = new ArrayList<>();
        Sql.query(em, features, r -> {
                    int row = index.get(Sql.uuid(r, 1));
                    int feature = featureIds.computeIfAbsent(r.getString(2), name -> {
                        names.add(name);
                        support.add(0);
                        return names.size() - 1;
                    });
                    if (row < trainRows) {
                        support.set(feature, support.get(feature) + 1);
                    }
                    cells.add(new int[] { row, feature });
                    values.add(r.getDouble(3));
                    return null;
                });

        List<Integer> kept = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            if (support.get(f) >= minSupport) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparing((Integer f) -> -support.get(f)).thenComparing(names::get));
        List<Integer> vocabulary = kept.subList(0, Math.min(maxFeatures, kept.size()));
        int[] column = new int[names.size()];
        java.util.Arrays.fill(column, -1);
        List<String> featureNames = new ArrayList<>();
        for (int f : vocabulary) {
            column[f] = featureNames.size();
            featureNames.add(names.get(f));
        }

        // compressed rows: count per row, then place
        int[] start = new int[rows.size() + 1];
        for (int[] cell : cells) {
            if (column[cell[1]] >= 0) {
                start[cell[0] + 1]++;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            start[i + 1] += start[i];
        }
        int[] fill = start.clone();
        int[] columns = new int[start[rows.size()]];
        double[] vals = new double[start[rows.size()]];
        for (int k = 0; k < cells.size(); k++) {
            int[] cell = cells.get(k);
            if (column[cell[1]] >= 0) {
                int at = fill[cell[0]]++;
                columns[at] = column[cell[1]];
                vals[at] = values.get(k);
            }
        }
        LogisticRegression.Data data = new LogisticRegression.Data(featureNames.size(), start, columns, vals, labels);
        return new TrainingSet(rows.stream().map(Example::id).toList(), featureNames, data, positives,
                rows.size() - positives);
    }

    int size() {
        return ids.size();
    }
}
