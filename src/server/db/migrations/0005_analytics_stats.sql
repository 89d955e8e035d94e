-- Summaries that keep the analytics statistics exact without visiting every row; the
-- tables are described in src/server/db/schema-analytics-stats.ts. Statement triggers on
-- runs and step_executions apply each change (INSERT, UPDATE, DELETE) in the same
-- transaction; TRUNCATE empties the summaries of the truncated table.
--
-- Duration buckets: bucket b >= 1 holds durations in [bounds[b], bounds[b+1]) (the last
-- one has no upper end), bucket 0 the negative ones. The bounds grow by 5 % from 100 ms,
-- so a bucket holds a small share of any series; they are written out rather than
-- computed so that every engine (PostgreSQL, PGlite) puts a duration in the same bucket.
CREATE FUNCTION analytics_bucket_bounds() RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    0, 100, 105, 111, 116, 122, 128, 135, 141, 148, 156, 163,
    172, 180, 189, 198, 208, 219, 230, 241, 253, 266, 279, 293,
    308, 323, 339, 356, 374, 393, 412, 433, 454, 477, 501, 526,
    552, 580, 609, 639, 671, 704, 740, 777, 815, 856, 899, 944,
    991, 1041, 1093, 1147, 1205, 1265, 1328, 1394, 1464, 1537, 1614, 1695,
    1779, 1868, 1962, 2060, 2163, 2271, 2384, 2504, 2629, 2760, 2898, 3043,
    3195, 3355, 3523, 3699, 3884, 4078, 4282, 4496, 4721, 4957, 5204, 5465,
    5738, 6025, 6326, 6642, 6974, 7323, 7689, 8074, 8477, 8901, 9346, 9813,
    10304, 10819, 11360, 11928, 12524, 13151, 13808, 14499, 15223, 15985, 16784, 17623,
    18504, 19429, 20401, 21421, 22492, 23616, 24797, 26037, 27339, 28706, 30141, 31648,
    33230, 34892, 36636, 38468, 40391, 42411, 44531, 46758, 49096, 51551, 54128, 56835,
    59676, 62660, 65793, 69083, 72537, 76164, 79972, 83970, 88169, 92577, 97206, 102066,
    107170, 112528, 118154, 124062, 130265, 136779, 143617, 150798, 158338, 166255, 174568, 183296,
    192461, 202084, 212188, 222797, 233937, 245634, 257916, 270812, 284352, 298570, 313498, 329173,
    345632, 362913, 381059, 400112, 420117, 441123, 463179, 486338, 510655, 536188, 562997, 591147,
    620704, 651740, 684327, 718543, 754470, 792194, 831803, 873393, 917063, 962916, 1011062, 1061615,
    1114696, 1170430, 1228952, 1290400, 1354919, 1422665, 1493799, 1568489, 1646913, 1729259, 1815721, 1906508,
    2001833, 2101925, 2207021, 2317372, 2433240, 2554902, 2682647, 2816780, 2957619, 3105500, 3260775, 3423813,
    3595004, 3774754, 3963492, 4161666, 4369750, 4588237, 4817649, 5058531, 5311458, 5577031, 5855882, 6148676,
    6456110, 6778915, 7117861, 7473754, 7847442, 8239814, 8651805, 9084395, 9538615, 10015545, 10516323, 11042139,
    11594246, 12173958, 12782656, 13421789, 14092878, 14797522, 15537398, 16314268, 17129981, 17986480, 18885804, 19830094,
    20821599, 21862679, 22955813, 24103603, 25308784, 26574223, 27902934, 29298080, 30762984, 32301134, 33916190, 35612000,
    37392600, 39262230, 41225341, 43286608, 45450939, 47723486, 50109660, 52615143, 55245900, 58008195, 60908605, 63954035,
    67151736, 70509323, 74034789, 77736529, 81623355, 85704523, 89989749, 94489237, 99213698, 104174383, 109383102, 114852257,
    120594870, 126624614, 132955844, 139603637, 146583818, 153913009, 161608660, 169689093, 178173547, 187082225, 196436336, 206258153,
    216571060, 227399613, 238769594, 250708074, 263243477, 276405651, 290225934, 304737230, 319974092, 335972796, 352771436, 370410008,
    388930508, 408377034, 428795885, 450235680, 472747464, 496384837, 521204079, 547264283, 574627497, 603358871, 633526815, 665203156,
    698463313, 733386479, 770055803, 808558593, 848986523, 891435849, 936007641, 982808023, 1031948425, 1083545846, 1137723138, 1194609295,
    1254339760, 1317056748, 1382909585, 1452055064, 1524657817, 1600890708, 1680935244, 1764982006, 1853231106, 1945892661, 2043187294, 2145346659,
    2252613992, 2365244691, 2483506926, 2607682272, 2738066386, 2874969705, 3018718190, 3169654100, 3328136805, 3494543645, 3669270827, 3852734369,
    4045371087, 4247639641, 4460021623, 4683022705, 4917173840, 5163032532, 5421184158, 5692243366, 5976855534, 6275698311, 6589483227, 6918957388,
    7264905257, 7628150520, 8009558046, 8410035948, 8830537746, 9272064633, 9735667865, 10222451258, 10733573821, 11270252512, 11833765137, 12425453394,
    13046726064, 13699062367, 14384015486, 15103216260, 15858377073, 16651295926, 17483860723, 18358053759, 19275956447, 20239754269, 21251741982, 22314329081,
    23430045536, 24601547812, 25831625203, 27123206463, 28479366786, 29903335125, 31398501882, 32968426976, 34616848324, 36347690741, 38165075278, 40073329042,
    42076995494, 44180845268, 46389887532, 48709381908, 51144851004, 53702093554, 56387198231, 59206558143, 62166886050, 65275230352, 68538991870, 71965941464,
    75564238537, 79342450464, 83309572987, 87475051636, 91848804218, 96441244429, 101263306650, 106326471982, 111642795582, 117224935361, 123086182129, 129240491235,
    135702515797, 142487641587, 149612023666, 157092624849, 164947256092, 173194618896, 181854349841, 190947067333, 200494420700, 210519141735, 221045098821, 232097353762,
    243702221450, 255887332523, 268681699149, 282115784106, 296221573312, 311032651977, 326584284576, 342913498805, 360059173745, 378062132432, 396965239054, 416813501007,
    437654176057, 459536884860, 482513729103, 506639415558, 531971386336, 558569955652, 586498453435, 615823376107, 646614544912, 678945272158, 712892535766, 748537162554,
    785964020681, 825262221716, 866525332801, 909851599441, 955344179413, 1003111388384, 1053266957803, 1105930305693, 1161226820978, 1219288162027, 1280252570128, 1344265198635,
    1411478458566, 1482052381495, 1556155000569, 1633962750598, 1715660888127, 1801443932534, 1891516129161, 1986091935619, 2085396532399, 2189666359019
  ]::bigint[]
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_bucket(duration_ms bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT width_bucket(duration_ms, analytics_bucket_bounds())
$$;
--> statement-breakpoint
-- The smallest duration of a bucket (bucket 0 has none).
CREATE FUNCTION analytics_bucket_floor(bucket integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce((analytics_bucket_bounds())[bucket], -9223372036854775808)
$$;
--> statement-breakpoint
-- Σ(t³ − t) contribution of t equal values, and the cross term a·b·(a + b) of the pooled
-- tie sum of two versions: (a + b)³ − (a + b) = (a³ − a) + (b³ − b) + 3·a·b·(a + b).
CREATE FUNCTION analytics_tie(t numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT t * t * t - t
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_tie_cross(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT a * b * (a + b)
$$;
--> statement-breakpoint
-- One counted change: a step execution of a completed run (measure 0) or a completed run
-- with a duration (measure 1, step_id ''), w = +1 added or −1 removed (netted).
CREATE TYPE analytics_change AS (
  org_id uuid, sop_id uuid, measure smallint, step_id text, sop_version integer, user_id uuid, training boolean,
  duration_ms bigint, bad boolean, "position" integer, active bigint, categories jsonb, w integer
);
--> statement-breakpoint
-- SELECT of the counted rows of `relation` (runs, step_executions or a transition table
-- of one of them) as analytics_change, each with weight `sign`.
CREATE FUNCTION analytics_change_sql(table_name text, relation text, sign integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE table_name
    WHEN 'step_executions' THEN format(
      'SELECT org_id, sop_id, 0::smallint AS measure, step_id, sop_version, user_id, training, duration_ms,'
      ' flagged AS bad, "position", coalesce(active_duration_ms, 0) AS active, flag_categories AS categories,'
      ' %s AS w FROM %I WHERE run_status = ''completed''', sign, relation)
    WHEN 'runs' THEN format(
      'SELECT org_id, sop_id, 1::smallint AS measure, ''''::text AS step_id, sop_version, user_id, training,'
      ' duration_ms, errored AS bad, 0 AS "position", coalesce(active_duration_ms, 0) AS active,'
      ' ''[]''::jsonb AS categories, %s AS w FROM %I WHERE status = ''completed'' AND duration_ms IS NOT NULL',
      sign, relation)
  END
$$;
--> statement-breakpoint
-- The counted durations of one series, by version (the walks below read them in index order).
CREATE FUNCTION analytics_series_values(p_org uuid, p_sop uuid, p_measure smallint, p_step text)
RETURNS TABLE (sop_version integer, duration_ms bigint) LANGUAGE sql STABLE AS $$
  SELECT s.sop_version, s.duration_ms FROM step_executions s
  WHERE p_measure = 0 AND s.org_id = p_org AND s.sop_id = p_sop AND s.step_id = p_step AND s.run_status = 'completed'
  UNION ALL
  SELECT r.sop_version, r.duration_ms FROM runs r
  WHERE p_measure = 1 AND r.org_id = p_org AND r.sop_id = p_sop AND r.status = 'completed' AND r.duration_ms IS NOT NULL
$$;
--> statement-breakpoint
-- 2·#(durations < x) + #(durations = x) among one version of a series: the buckets below
-- x's bucket, then a walk of x's bucket only.
CREATE FUNCTION analytics_rank2(p_org uuid, p_sop uuid, p_measure smallint, p_step text, p_version integer, p_x bigint)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT 2 * coalesce((
      SELECT sum(b.n) FROM analytics_duration_buckets b
      WHERE b.org_id = p_org AND b.sop_id = p_sop AND b.measure = p_measure AND b.step_id = p_step
        AND b.sop_version = p_version AND b.bucket < analytics_bucket(p_x)), 0)
    + (SELECT coalesce(sum(CASE WHEN v.duration_ms < p_x THEN 2 ELSE 1 END), 0)
       FROM analytics_series_values(p_org, p_sop, p_measure, p_step) v
       WHERE v.sop_version = p_version AND v.duration_ms >= analytics_bucket_floor(analytics_bucket(p_x))
         AND v.duration_ms <= p_x)
$$;
--> statement-breakpoint
CREATE FUNCTION analytics_value_count(p_org uuid, p_sop uuid, p_measure smallint, p_step text, p_version integer, p_x bigint)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT count(*)::numeric FROM analytics_series_values(p_org, p_sop, p_measure, p_step) v
  WHERE v.sop_version = p_version AND v.duration_ms = p_x
$$;
--> statement-breakpoint
-- Bucket counts and flag counts: plain sums of the changes (`source` selects analytics_change rows).
CREATE FUNCTION analytics_apply_counts(source text, changes analytics_change[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO analytics_duration_buckets AS b (org_id, sop_id, measure, step_id, sop_version, bucket, user_id,
      training, n, bad, position_sum, duration_sum, active_sum)
    SELECT c.org_id, c.sop_id, c.measure, c.step_id, c.sop_version, analytics_bucket(c.duration_ms), c.user_id,
      c.training, sum(c.w), sum(CASE WHEN c.bad THEN c.w ELSE 0 END), sum(c.w * c."position"),
      sum(c.w * c.duration_ms), sum(c.w * c.active)
    FROM (%s) c GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (org_id, sop_id, measure, step_id, sop_version, bucket, user_id, training) DO UPDATE SET
      n = b.n + excluded.n, bad = b.bad + excluded.bad, position_sum = b.position_sum + excluded.position_sum,
      duration_sum = b.duration_sum + excluded.duration_sum, active_sum = b.active_sum + excluded.active_sum
  $q$, source) USING changes;
  EXECUTE format($q$
    INSERT INTO analytics_flag_counts AS f (org_id, sop_id, step_id, sop_version, user_id, training, category, n)
    SELECT c.org_id, c.sop_id, c.step_id, c.sop_version, c.user_id, c.training, k.category, sum(c.w)
    FROM (%s) c CROSS JOIN LATERAL jsonb_array_elements_text(c.categories) AS k(category)
    WHERE c.measure = 0 GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (org_id, sop_id, step_id, sop_version, user_id, training, category) DO UPDATE SET n = f.n + excluded.n
  $q$, source) USING changes;
  -- A count below zero means the summaries and the rows parted ways: better no answer than a wrong one.
  IF EXISTS (SELECT 1 FROM analytics_duration_buckets WHERE (n < 0 OR bad < 0) AND (org_id, sop_id, measure, step_id) IN (
        SELECT c.org_id, c.sop_id, c.measure, c.step_id FROM unnest(changes) c))
    OR EXISTS (SELECT 1 FROM analytics_flag_counts WHERE n < 0 AND (org_id, sop_id, step_id) IN (
        SELECT c.org_id, c.sop_id, c.step_id FROM unnest(changes) c WHERE c.measure = 0)) THEN
    RAISE EXCEPTION 'analytics summaries disagree with the rows (a count fell below zero); run analytics_rebuild_stats()';
  END IF;
  DELETE FROM analytics_duration_buckets WHERE n = 0 AND (org_id, sop_id, measure, step_id) IN (
    SELECT c.org_id, c.sop_id, c.measure, c.step_id FROM unnest(changes) c);
  DELETE FROM analytics_flag_counts WHERE n = 0 AND (org_id, sop_id, step_id) IN (
    SELECT c.org_id, c.sop_id, c.step_id FROM unnest(changes) c WHERE c.measure = 0);
END $$;
--> statement-breakpoint
-- Rank sums and tie terms of one series recomputed from its rows: one sort per pair of
-- versions. For bulk changes (a backfill, a generated data set).
CREATE FUNCTION analytics_rebuild_ranks(p_org uuid, p_sop uuid, p_measure smallint, p_step text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pair record;
BEGIN
  DELETE FROM analytics_rank_ties
  WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step;
  DELETE FROM analytics_rank_pairs
  WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step;
  INSERT INTO analytics_rank_ties (org_id, sop_id, measure, step_id, sop_version, tie_term)
  SELECT p_org, p_sop, p_measure, p_step, g.sop_version, sum(analytics_tie(g.t))
  FROM (SELECT v.sop_version, count(*)::numeric AS t FROM analytics_series_values(p_org, p_sop, p_measure, p_step) v
        GROUP BY v.sop_version, v.duration_ms HAVING count(*) > 1) g
  GROUP BY g.sop_version;
  FOR pair IN
    SELECT a.v AS a, b.v AS b
    FROM (SELECT DISTINCT sop_version AS v FROM analytics_duration_buckets
          WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step) a
    JOIN (SELECT DISTINCT sop_version AS v FROM analytics_duration_buckets
          WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step) b ON a.v < b.v
  LOOP
    INSERT INTO analytics_rank_pairs (org_id, sop_id, measure, step_id, version_a, version_b, u2, ties_cross)
    SELECT p_org, p_sop, p_measure, p_step, pair.a, pair.b,
      coalesce(sum(q.ca * (2 * q.below + q.cb)), 0), coalesce(sum(analytics_tie_cross(q.ca, q.cb)), 0)
    FROM (
      SELECT p.ca, p.cb, coalesce(sum(p.cb) OVER (ORDER BY p.duration_ms ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below
      FROM (
        SELECT v.duration_ms, count(*) FILTER (WHERE v.sop_version = pair.a)::numeric AS ca,
          count(*) FILTER (WHERE v.sop_version = pair.b)::numeric AS cb
        FROM analytics_series_values(p_org, p_sop, p_measure, p_step) v
        WHERE v.sop_version IN (pair.a, pair.b) GROUP BY v.duration_ms
      ) p
    ) q;
  END LOOP;
END $$;
--> statement-breakpoint
-- Rank sums and tie terms of one series after a small change, from the bilinearity of U:
-- with A, B the durations of versions a < b after the change and ΔA, ΔB the signed
-- changes, ΔU = U(ΔA, B) + U(A, ΔB) − U(ΔA, ΔB); U(x, B) is read from the buckets below
-- x and a walk of x's bucket (analytics_rank2), so the cost follows the change, not the
-- series. Tie terms change only at the changed durations.
CREATE FUNCTION analytics_update_ranks(p_org uuid, p_sop uuid, p_measure smallint, p_step text, changes analytics_change[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_rank_ties AS t (org_id, sop_id, measure, step_id, sop_version, tie_term)
  SELECT p_org, p_sop, p_measure, p_step, d.v, sum(analytics_tie(k.t) - analytics_tie(k.t - d.w))
  FROM (SELECT c.sop_version AS v, c.duration_ms AS x, sum(c.w)::numeric AS w FROM unnest(changes) c
        WHERE c.org_id = p_org AND c.sop_id = p_sop AND c.measure = p_measure AND c.step_id = p_step
        GROUP BY 1, 2 HAVING sum(c.w) <> 0) d
  CROSS JOIN LATERAL (SELECT analytics_value_count(p_org, p_sop, p_measure, p_step, d.v, d.x) AS t) k
  GROUP BY d.v
  ON CONFLICT (org_id, sop_id, measure, step_id, sop_version) DO UPDATE SET tie_term = t.tie_term + excluded.tie_term;
  DELETE FROM analytics_rank_ties
  WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step AND tie_term = 0;

  WITH d AS (
    SELECT c.sop_version AS v, c.duration_ms AS x, sum(c.w)::numeric AS w FROM unnest(changes) c
    WHERE c.org_id = p_org AND c.sop_id = p_sop AND c.measure = p_measure AND c.step_id = p_step
    GROUP BY 1, 2 HAVING sum(c.w) <> 0
  ), sizes AS (
    SELECT b.sop_version AS v, sum(b.n) AS n FROM analytics_duration_buckets b
    WHERE b.org_id = p_org AND b.sop_id = p_sop AND b.measure = p_measure AND b.step_id = p_step
    GROUP BY 1
  ), versions AS (
    SELECT v FROM sizes UNION SELECT v FROM d
  ), pairs AS (
    SELECT a.v AS a, b.v AS b FROM versions a JOIN versions b ON a.v < b.v
    WHERE a.v IN (SELECT v FROM d) OR b.v IN (SELECT v FROM d)
  ), from_a AS (
    SELECT p.a, p.b, sum(d.w * analytics_rank2(p_org, p_sop, p_measure, p_step, p.b, d.x)) AS u2
    FROM pairs p JOIN d ON d.v = p.a GROUP BY 1, 2
  ), from_b AS (
    SELECT p.a, p.b, sum(d.w * (2 * coalesce(s.n, 0) - analytics_rank2(p_org, p_sop, p_measure, p_step, p.a, d.x))) AS u2
    FROM pairs p JOIN d ON d.v = p.b LEFT JOIN sizes s ON s.v = p.a GROUP BY 1, 2
  ), from_both AS (
    SELECT p.a, p.b, sum(da.w * db.w * CASE WHEN db.x < da.x THEN 2 WHEN db.x = da.x THEN 1 ELSE 0 END) AS u2
    FROM pairs p JOIN d da ON da.v = p.a JOIN d db ON db.v = p.b GROUP BY 1, 2
  ), cross_ties AS (
    SELECT p.a, p.b, sum(analytics_tie_cross(k.ta, k.tb) - analytics_tie_cross(k.ta - dx.wa, k.tb - dx.wb)) AS x
    FROM pairs p
    CROSS JOIN LATERAL (
      SELECT d.x, coalesce(sum(d.w) FILTER (WHERE d.v = p.a), 0) AS wa, coalesce(sum(d.w) FILTER (WHERE d.v = p.b), 0) AS wb
      FROM d WHERE d.v IN (p.a, p.b) GROUP BY d.x
    ) dx
    CROSS JOIN LATERAL (
      SELECT analytics_value_count(p_org, p_sop, p_measure, p_step, p.a, dx.x) AS ta,
        analytics_value_count(p_org, p_sop, p_measure, p_step, p.b, dx.x) AS tb
    ) k
    GROUP BY 1, 2
  )
  INSERT INTO analytics_rank_pairs AS r (org_id, sop_id, measure, step_id, version_a, version_b, u2, ties_cross)
  SELECT p_org, p_sop, p_measure, p_step, p.a, p.b,
    coalesce(fa.u2, 0) + coalesce(fb.u2, 0) - coalesce(fo.u2, 0), coalesce(ct.x, 0)
  FROM pairs p
  LEFT JOIN from_a fa USING (a, b) LEFT JOIN from_b fb USING (a, b)
  LEFT JOIN from_both fo USING (a, b) LEFT JOIN cross_ties ct USING (a, b)
  ON CONFLICT (org_id, sop_id, measure, step_id, version_a, version_b) DO UPDATE SET
    u2 = r.u2 + excluded.u2, ties_cross = r.ties_cross + excluded.ties_cross;

  -- A pair with an empty side has U = 0 and no cross ties; it is kept only while both have durations.
  DELETE FROM analytics_rank_pairs r
  WHERE r.org_id = p_org AND r.sop_id = p_sop AND r.measure = p_measure AND r.step_id = p_step
    AND (NOT EXISTS (SELECT 1 FROM analytics_duration_buckets b WHERE b.org_id = p_org AND b.sop_id = p_sop
                     AND b.measure = p_measure AND b.step_id = p_step AND b.sop_version = r.version_a)
      OR NOT EXISTS (SELECT 1 FROM analytics_duration_buckets b WHERE b.org_id = p_org AND b.sop_id = p_sop
                     AND b.measure = p_measure AND b.step_id = p_step AND b.sop_version = r.version_b));
END $$;
--> statement-breakpoint
-- Changes bigger than this (per series) are cheaper to recount than to apply one by one.
CREATE FUNCTION analytics_bulk_changes() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2000 $$;
--> statement-breakpoint
CREATE FUNCTION analytics_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  changes analytics_change[];
  series record;
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN analytics_change_sql(TG_TABLE_NAME, 'new_rows', 1)
    WHEN 'DELETE' THEN analytics_change_sql(TG_TABLE_NAME, 'old_rows', -1)
    ELSE analytics_change_sql(TG_TABLE_NAME, 'old_rows', -1) || ' UNION ALL '
      || analytics_change_sql(TG_TABLE_NAME, 'new_rows', 1)
  END;
  -- Netted: a run re-derived without change leaves no trace.
  EXECUTE 'SELECT array_agg(ROW(c.*)::analytics_change) FROM (SELECT org_id, sop_id, measure, step_id, sop_version,'
    || ' user_id, training, duration_ms, bad, "position", active, categories, sum(w)::integer FROM (' || changed
    || ') AS changed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 HAVING sum(w) <> 0) AS c'
  INTO changes;
  IF changes IS NULL THEN
    RETURN NULL;
  END IF;
  -- One writer per organisation at a time: each sees every committed change, so no pair
  -- of durations is counted twice or missed by two concurrent pushes.
  PERFORM pg_advisory_xact_lock(hashtextextended('fieldbook:analytics-stats:' || o.org_id::text, 0))
  FROM (SELECT DISTINCT c.org_id FROM unnest(changes) c ORDER BY 1) o;
  PERFORM analytics_apply_counts('SELECT * FROM unnest($1)', changes);
  FOR series IN
    SELECT c.org_id, c.sop_id, c.measure, c.step_id, sum(abs(c.w)) AS size FROM unnest(changes) c GROUP BY 1, 2, 3, 4
  LOOP
    IF series.size > analytics_bulk_changes() THEN
      PERFORM analytics_rebuild_ranks(series.org_id, series.sop_id, series.measure, series.step_id);
    ELSE
      PERFORM analytics_update_ranks(series.org_id, series.sop_id, series.measure, series.step_id, changes);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION analytics_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m smallint := CASE TG_TABLE_NAME WHEN 'step_executions' THEN 0 ELSE 1 END;
BEGIN
  DELETE FROM analytics_duration_buckets WHERE measure = m;
  DELETE FROM analytics_rank_ties WHERE measure = m;
  DELETE FROM analytics_rank_pairs WHERE measure = m;
  IF m = 0 THEN
    DELETE FROM analytics_flag_counts;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every summary recounted from the rows (this migration, and tests that check the triggers).
CREATE FUNCTION analytics_rebuild_stats() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  series record;
BEGIN
  DELETE FROM analytics_duration_buckets;
  DELETE FROM analytics_flag_counts;
  DELETE FROM analytics_rank_ties;
  DELETE FROM analytics_rank_pairs;
  PERFORM analytics_apply_counts(analytics_change_sql('step_executions', 'step_executions', 1) || ' UNION ALL '
    || analytics_change_sql('runs', 'runs', 1), NULL);
  FOR series IN SELECT DISTINCT org_id, sop_id, measure, step_id FROM analytics_duration_buckets LOOP
    PERFORM analytics_rebuild_ranks(series.org_id, series.sop_id, series.measure, series.step_id);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER analytics_stats_insert AFTER INSERT ON step_executions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_update AFTER UPDATE ON step_executions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_delete AFTER DELETE ON step_executions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_truncate AFTER TRUNCATE ON step_executions
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_truncate();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_insert AFTER INSERT ON runs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_update AFTER UPDATE ON runs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_delete AFTER DELETE ON runs
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_apply();
--> statement-breakpoint
CREATE TRIGGER analytics_stats_truncate AFTER TRUNCATE ON runs
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_stats_truncate();
--> statement-breakpoint
SELECT analytics_rebuild_stats();
