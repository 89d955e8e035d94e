-- Summaries that keep the analytics statistics exact without visiting every row; the
-- tables are described in src/server/db/schema-analytics-stats.ts. Statement triggers on
-- runs and step_executions apply each change (INSERT, UPDATE, DELETE) in the same
-- transaction; TRUNCATE empties the summaries of the truncated table.
--
-- Duration buckets: bucket b >= 1 holds durations in [bounds[b], bounds[b+1]) (the last
-- one has no upper end), bucket 0 the negative ones. The bounds grow by 5 % from 100 ms,
-- so a bucket holds a small share of any series; they are written out rather than
-- computed so that every engine (PostgreSQL, PGlite) puts a duration in the same bucket,
-- as one array literal, which the planner reads in one go wherever these functions are
-- inlined.
CREATE FUNCTION analytics_bucket_bounds() RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '{
    0,100,105,111,116,122,128,135,141,148,156,163,
    172,180,189,198,208,219,230,241,253,266,279,293,
    308,323,339,356,374,393,412,433,454,477,501,526,
    552,580,609,639,671,704,740,777,815,856,899,944,
    991,1041,1093,1147,1205,1265,1328,1394,1464,1537,1614,1695,
    1779,1868,1962,2060,2163,2271,2384,2504,2629,2760,2898,3043,
    3195,3355,3523,3699,3884,4078,4282,4496,4721,4957,5204,5465,
    5738,6025,6326,6642,6974,7323,7689,8074,8477,8901,9346,9813,
    10304,10819,11360,11928,12524,13151,13808,14499,15223,15985,16784,17623,
    18504,19429,20401,21421,22492,23616,24797,26037,27339,28706,30141,31648,
    33230,34892,36636,38468,40391,42411,44531,46758,49096,51551,54128,56835,
    59676,62660,65793,69083,72537,76164,79972,83970,88169,92577,97206,102066,
    107170,112528,118154,124062,130265,136779,143617,150798,158338,166255,174568,183296,
    192461,202084,212188,222797,233937,245634,257916,270812,284352,298570,313498,329173,
    345632,362913,381059,400112,420117,441123,463179,486338,510655,536188,562997,591147,
    620704,651740,684327,718543,754470,792194,831803,873393,917063,962916,1011062,1061615,
    1114696,1170430,1228952,1290400,1354919,1422665,1493799,1568489,1646913,1729259,1815721,1906508,
    2001833,2101925,2207021,2317372,2433240,2554902,2682647,2816780,2957619,3105500,3260775,3423813,
    3595004,3774754,3963492,4161666,4369750,4588237,4817649,5058531,5311458,5577031,5855882,6148676,
    6456110,6778915,7117861,7473754,7847442,8239814,8651805,9084395,9538615,10015545,10516323,11042139,
    11594246,12173958,12782656,13421789,14092878,14797522,15537398,16314268,17129981,17986480,18885804,19830094,
    20821599,21862679,22955813,24103603,25308784,26574223,27902934,29298080,30762984,32301134,33916190,35612000,
    37392600,39262230,41225341,43286608,45450939,47723486,50109660,52615143,55245900,58008195,60908605,63954035,
    67151736,70509323,74034789,77736529,81623355,85704523,89989749,94489237,99213698,104174383,109383102,114852257,
    120594870,126624614,132955844,139603637,146583818,153913009,161608660,169689093,178173547,187082225,196436336,206258153,
    216571060,227399613,238769594,250708074,263243477,276405651,290225934,304737230,319974092,335972796,352771436,370410008,
    388930508,408377034,428795885,450235680,472747464,496384837,521204079,547264283,574627497,603358871,633526815,665203156,
    698463313,733386479,770055803,808558593,848986523,891435849,936007641,982808023,1031948425,1083545846,1137723138,1194609295,
    1254339760,1317056748,1382909585,1452055064,1524657817,1600890708,1680935244,1764982006,1853231106,1945892661,2043187294,2145346659,
    2252613992,2365244691,2483506926,2607682272,2738066386,2874969705,3018718190,3169654100,3328136805,3494543645,3669270827,3852734369,
    4045371087,4247639641,4460021623,4683022705,4917173840,5163032532,5421184158,5692243366,5976855534,6275698311,6589483227,6918957388,
    7264905257,7628150520,8009558046,8410035948,8830537746,9272064633,9735667865,10222451258,10733573821,11270252512,11833765137,12425453394,
    13046726064,13699062367,14384015486,15103216260,15858377073,16651295926,17483860723,18358053759,19275956447,20239754269,21251741982,22314329081,
    23430045536,24601547812,25831625203,27123206463,28479366786,29903335125,31398501882,32968426976,34616848324,36347690741,38165075278,40073329042,
    42076995494,44180845268,46389887532,48709381908,51144851004,53702093554,56387198231,59206558143,62166886050,65275230352,68538991870,71965941464,
    75564238537,79342450464,83309572987,87475051636,91848804218,96441244429,101263306650,106326471982,111642795582,117224935361,123086182129,129240491235,
    135702515797,142487641587,149612023666,157092624849,164947256092,173194618896,181854349841,190947067333,200494420700,210519141735,221045098821,232097353762,
    243702221450,255887332523,268681699149,282115784106,296221573312,311032651977,326584284576,342913498805,360059173745,378062132432,396965239054,416813501007,
    437654176057,459536884860,482513729103,506639415558,531971386336,558569955652,586498453435,615823376107,646614544912,678945272158,712892535766,748537162554,
    785964020681,825262221716,866525332801,909851599441,955344179413,1003111388384,1053266957803,1105930305693,1161226820978,1219288162027,1280252570128,1344265198635,
    1411478458566,1482052381495,1556155000569,1633962750598,1715660888127,1801443932534,1891516129161,1986091935619,2085396532399,2189666359019
  }'::bigint[]
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
-- Fine buckets, for the rank lookups: each bucket b >= 1 with an upper end split in 16
-- by integer arithmetic (exact on every engine), fine bucket 16·b + j; its smallest
-- duration is bounds[b] + ⌈j·(bounds[b+1] − bounds[b])/16⌉. These SQL functions are
-- written so that the planner inlines them (a parameter used twice must be passed a plain
-- column, not an expression).
CREATE FUNCTION analytics_fine_bucket(duration_ms bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT analytics_bucket(duration_ms) * 16 + CASE
    WHEN analytics_bucket(duration_ms) >= 1
      AND analytics_bucket_floor(analytics_bucket(duration_ms) + 1) > analytics_bucket_floor(analytics_bucket(duration_ms))
    THEN ((duration_ms - analytics_bucket_floor(analytics_bucket(duration_ms))) * 16
      / (analytics_bucket_floor(analytics_bucket(duration_ms) + 1) - analytics_bucket_floor(analytics_bucket(duration_ms))))::integer
    ELSE 0 END
$$;
--> statement-breakpoint
-- The smallest duration of the fine bucket holding `duration_ms`.
CREATE FUNCTION analytics_fine_floor(duration_ms bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT analytics_bucket_floor(analytics_bucket(duration_ms)) + CASE WHEN analytics_fine_bucket(duration_ms) % 16 = 0 THEN 0
    ELSE (analytics_fine_bucket(duration_ms) % 16 * (analytics_bucket_floor(analytics_bucket(duration_ms) + 1)
      - analytics_bucket_floor(analytics_bucket(duration_ms))) + 15) / 16 END
$$;
--> statement-breakpoint
-- The counted durations of one series, by version, read in index order by the lookups below.
CREATE FUNCTION analytics_series_values(p_org uuid, p_sop uuid, p_measure smallint, p_step text)
RETURNS TABLE (sop_version integer, duration_ms bigint) LANGUAGE sql STABLE AS $$
  SELECT s.sop_version, s.duration_ms FROM step_executions s
  WHERE p_measure = 0 AND s.org_id = p_org AND s.sop_id = p_sop AND s.step_id = p_step AND s.run_status = 'completed'
  UNION ALL
  SELECT r.sop_version, r.duration_ms FROM runs r
  WHERE p_measure = 1 AND r.org_id = p_org AND r.sop_id = p_sop AND r.status = 'completed' AND r.duration_ms IS NOT NULL
$$;
--> statement-breakpoint
-- Bucket, rank-bucket and flag counts: plain sums of the changes. A count that falls to
-- zero is deleted; one below zero means the summaries and the rows parted ways, and the
-- transaction fails: better no answer than a wrong one. Plans are kept generic: they
-- serve every push, and planning these statements costs more than running them.
CREATE FUNCTION analytics_apply_counts(changes analytics_change[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  low_n bigint;
  low_bad bigint;
  low_rank bigint;
  low_flag bigint;
BEGIN
  WITH up AS (
    INSERT INTO analytics_duration_buckets AS b (org_id, sop_id, measure, step_id, sop_version, bucket, user_id,
      training, n, bad, position_sum, duration_sum, active_sum)
    SELECT c.org_id, c.sop_id, c.measure, c.step_id, c.sop_version, analytics_bucket(c.duration_ms), c.user_id,
      c.training, sum(c.w), sum(CASE WHEN c.bad THEN c.w ELSE 0 END), sum(c.w * c."position"),
      sum(c.w * c.duration_ms), sum(c.w * c.active)
    FROM unnest(changes) c GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (org_id, sop_id, measure, step_id, sop_version, bucket, user_id, training) DO UPDATE SET
      n = b.n + excluded.n, bad = b.bad + excluded.bad, position_sum = b.position_sum + excluded.position_sum,
      duration_sum = b.duration_sum + excluded.duration_sum, active_sum = b.active_sum + excluded.active_sum
    RETURNING b.n, b.bad
  ) SELECT min(up.n), min(up.bad) INTO low_n, low_bad FROM up;
  WITH up AS (
    INSERT INTO analytics_rank_buckets AS r (org_id, sop_id, measure, step_id, sop_version, level, bucket, n)
    SELECT c.org_id, c.sop_id, c.measure, c.step_id, c.sop_version, l.level,
      CASE l.level WHEN 0 THEN analytics_bucket(c.duration_ms) ELSE analytics_fine_bucket(c.duration_ms) END, sum(c.w)
    FROM unnest(changes) c CROSS JOIN (VALUES (0::smallint), (1::smallint)) AS l(level) GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (org_id, sop_id, measure, step_id, sop_version, level, bucket) DO UPDATE SET n = r.n + excluded.n
    RETURNING r.n
  ) SELECT min(up.n) INTO low_rank FROM up;
  WITH up AS (
    INSERT INTO analytics_flag_counts AS f (org_id, sop_id, step_id, sop_version, user_id, training, category, n)
    SELECT c.org_id, c.sop_id, c.step_id, c.sop_version, c.user_id, c.training, k.category, sum(c.w)
    FROM unnest(changes) c CROSS JOIN LATERAL jsonb_array_elements_text(c.categories) AS k(category)
    WHERE c.measure = 0 GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (org_id, sop_id, step_id, sop_version, user_id, training, category) DO UPDATE SET n = f.n + excluded.n
    RETURNING f.n
  ) SELECT min(up.n) INTO low_flag FROM up;
  IF least(low_n, low_bad, low_rank, low_flag) < 0 THEN
    RAISE EXCEPTION 'analytics summaries disagree with the rows (a count fell below zero); run analytics_rebuild_stats()';
  END IF;
  IF low_n = 0 THEN
    DELETE FROM analytics_duration_buckets b
    USING (SELECT DISTINCT c.org_id, c.sop_id, c.measure, c.step_id, c.sop_version, analytics_bucket(c.duration_ms) AS bucket,
             c.user_id, c.training FROM unnest(changes) c) k
    WHERE b.org_id = k.org_id AND b.sop_id = k.sop_id AND b.measure = k.measure AND b.step_id = k.step_id
      AND b.sop_version = k.sop_version AND b.bucket = k.bucket AND b.user_id = k.user_id AND b.training = k.training
      AND b.n = 0;
  END IF;
  IF low_rank = 0 THEN
    DELETE FROM analytics_rank_buckets r
    USING (SELECT DISTINCT c.org_id, c.sop_id, c.measure, c.step_id, c.sop_version, l.level,
             CASE l.level WHEN 0 THEN analytics_bucket(c.duration_ms) ELSE analytics_fine_bucket(c.duration_ms) END AS bucket
           FROM unnest(changes) c CROSS JOIN (VALUES (0::smallint), (1::smallint)) AS l(level)) k
    WHERE r.org_id = k.org_id AND r.sop_id = k.sop_id AND r.measure = k.measure AND r.step_id = k.step_id
      AND r.sop_version = k.sop_version AND r.level = k.level AND r.bucket = k.bucket AND r.n = 0;
  END IF;
  IF low_flag = 0 THEN
    DELETE FROM analytics_flag_counts f
    USING (SELECT DISTINCT c.org_id, c.sop_id, c.step_id, c.sop_version, c.user_id, c.training, k.category
           FROM unnest(changes) c CROSS JOIN LATERAL jsonb_array_elements_text(c.categories) AS k(category)
           WHERE c.measure = 0) k
    WHERE f.org_id = k.org_id AND f.sop_id = k.sop_id AND f.step_id = k.step_id AND f.sop_version = k.sop_version
      AND f.user_id = k.user_id AND f.training = k.training AND f.category = k.category AND f.n = 0;
  END IF;
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
    WITH versions AS (
      SELECT DISTINCT sop_version AS v FROM analytics_rank_buckets
      WHERE org_id = p_org AND sop_id = p_sop AND measure = p_measure AND step_id = p_step AND level = 0
    )
    SELECT a.v AS a, b.v AS b FROM versions a JOIN versions b ON a.v < b.v
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
-- Rank sums and tie terms after a small change, from the bilinearity of U: with A, B the
-- durations of versions a < b of a series after the change and ΔA, ΔB the signed
-- changes, ΔU = U(ΔA, B) + U(A, ΔB) − U(ΔA, ΔB). U(x, B) needs 2·#(B < x) + #(B = x): the
-- rank buckets below x's, the sixteenths below x's within its bucket, then a walk of
-- x's sixteenth only, so the cost follows the change, not the series. Tie terms change
-- only at the changed durations: there t went from t − Δ to t in each version. One
-- statement for every series of the change, each step MATERIALIZED (computed once, never
-- re-run inside a nested loop).
CREATE FUNCTION analytics_update_ranks(changes analytics_change[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  WITH d AS (
    SELECT c.org_id AS o, c.sop_id AS s, c.measure AS m, c.step_id AS st, c.sop_version AS v, c.duration_ms AS x,
      sum(c.w)::numeric AS w
    FROM unnest(changes) c GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.w) <> 0
  ), sizes AS MATERIALIZED (
    SELECT series.o, series.s, series.m, series.st, z.v, z.n
    FROM (SELECT DISTINCT o, s, m, st FROM d) series
    CROSS JOIN LATERAL (
      SELECT r.sop_version AS v, sum(r.n) AS n FROM analytics_rank_buckets r
      WHERE r.org_id = series.o AND r.sop_id = series.s AND r.measure = series.m AND r.step_id = series.st
        AND r.level = 0
      GROUP BY 1
    ) z
  ), versions AS MATERIALIZED (
    SELECT o, s, m, st, v FROM sizes UNION SELECT o, s, m, st, v FROM d
  ), pairs AS MATERIALIZED (
    SELECT a.o, a.s, a.m, a.st, a.v AS a, b.v AS b
    FROM versions a JOIN versions b ON a.o = b.o AND a.s = b.s AND a.m = b.m AND a.st = b.st AND a.v < b.v
    WHERE EXISTS (SELECT 1 FROM d WHERE d.o = a.o AND d.s = a.s AND d.m = a.m AND d.st = a.st AND d.v IN (a.v, b.v))
  ), ranks AS MATERIALIZED (
    -- 2·#(other < x) + #(other = x) for each changed duration x and each other version of its series.
    SELECT d.o, d.s, d.m, d.st, d.v, d.x, d.w, other.v AS other,
      2 * (SELECT coalesce(sum(r.n), 0) FROM analytics_rank_buckets r
           WHERE r.org_id = d.o AND r.sop_id = d.s AND r.measure = d.m AND r.step_id = d.st AND r.sop_version = other.v
             AND r.level = 0 AND r.bucket < analytics_bucket(d.x))
      + 2 * (SELECT coalesce(sum(r.n), 0) FROM analytics_rank_buckets r
             WHERE r.org_id = d.o AND r.sop_id = d.s AND r.measure = d.m AND r.step_id = d.st AND r.sop_version = other.v
               AND r.level = 1 AND r.bucket >= analytics_bucket(d.x) * 16 AND r.bucket < analytics_fine_bucket(d.x))
      + (SELECT coalesce(sum(CASE WHEN sv.duration_ms < d.x THEN 2 ELSE 1 END), 0)
         FROM analytics_series_values(d.o, d.s, d.m, d.st) sv
         WHERE sv.sop_version = other.v AND sv.duration_ms >= analytics_fine_floor(d.x) AND sv.duration_ms <= d.x) AS rank2
    FROM d JOIN versions other ON other.o = d.o AND other.s = d.s AND other.m = d.m AND other.st = d.st AND other.v <> d.v
  ), ties AS (
    -- t(x) after the change, counted in the index; before it, t − Δ.
    INSERT INTO analytics_rank_ties AS t (org_id, sop_id, measure, step_id, sop_version, tie_term)
    SELECT d.o, d.s, d.m, d.st, d.v, sum(analytics_tie(k.t) - analytics_tie(k.t - d.w))
    FROM d CROSS JOIN LATERAL (
      SELECT count(*)::numeric AS t FROM analytics_series_values(d.o, d.s, d.m, d.st) sv
      WHERE sv.sop_version = d.v AND sv.duration_ms = d.x
    ) k
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, sop_id, measure, step_id, sop_version) DO UPDATE SET tie_term = t.tie_term + excluded.tie_term
  ), from_a AS MATERIALIZED (
    SELECT r.o, r.s, r.m, r.st, r.v AS a, r.other AS b, sum(r.w * r.rank2) AS u2 FROM ranks r WHERE r.v < r.other
    GROUP BY 1, 2, 3, 4, 5, 6
  ), from_b AS MATERIALIZED (
    SELECT r.o, r.s, r.m, r.st, r.other AS a, r.v AS b, sum(r.w * (2 * coalesce(z.n, 0) - r.rank2)) AS u2
    FROM ranks r LEFT JOIN sizes z ON z.o = r.o AND z.s = r.s AND z.m = r.m AND z.st = r.st AND z.v = r.other
    WHERE r.other < r.v GROUP BY 1, 2, 3, 4, 5, 6
  ), changed_x AS MATERIALIZED (
    -- For each pair, every duration changed in either version, with its change in each.
    SELECT p.o, p.s, p.m, p.st, p.a, p.b, d.x,
      coalesce(sum(d.w) FILTER (WHERE d.v = p.a), 0) AS wa, coalesce(sum(d.w) FILTER (WHERE d.v = p.b), 0) AS wb
    FROM pairs p JOIN d ON d.o = p.o AND d.s = p.s AND d.m = p.m AND d.st = p.st AND d.v IN (p.a, p.b)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), from_both AS MATERIALIZED (
    -- 2·U(ΔA, ΔB) = Σ over changed x of Δa(x)·(2·Σ_{y<x} Δb(y) + Δb(x)): one ordered pass.
    SELECT q.o, q.s, q.m, q.st, q.a, q.b, sum(q.wa * (2 * q.below + q.wb)) AS u2
    FROM (
      SELECT c.*, coalesce(sum(c.wb) OVER (PARTITION BY c.o, c.s, c.m, c.st, c.a, c.b ORDER BY c.x
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below
      FROM changed_x c
    ) q
    GROUP BY 1, 2, 3, 4, 5, 6
  ), cross_ties AS MATERIALIZED (
    SELECT c.o, c.s, c.m, c.st, c.a, c.b,
      sum(analytics_tie_cross(k.ta, k.tb) - analytics_tie_cross(k.ta - c.wa, k.tb - c.wb)) AS x
    FROM changed_x c CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE sv.sop_version = c.a)::numeric AS ta,
        count(*) FILTER (WHERE sv.sop_version = c.b)::numeric AS tb
      FROM analytics_series_values(c.o, c.s, c.m, c.st) sv
      WHERE sv.sop_version IN (c.a, c.b) AND sv.duration_ms = c.x
    ) k
    GROUP BY 1, 2, 3, 4, 5, 6
  )
  INSERT INTO analytics_rank_pairs AS r (org_id, sop_id, measure, step_id, version_a, version_b, u2, ties_cross)
  SELECT p.o, p.s, p.m, p.st, p.a, p.b,
    coalesce(fa.u2, 0) + coalesce(fb.u2, 0) - coalesce(fo.u2, 0), coalesce(ct.x, 0)
  FROM pairs p
  LEFT JOIN from_a fa USING (o, s, m, st, a, b) LEFT JOIN from_b fb USING (o, s, m, st, a, b)
  LEFT JOIN from_both fo USING (o, s, m, st, a, b) LEFT JOIN cross_ties ct USING (o, s, m, st, a, b)
  ON CONFLICT (org_id, sop_id, measure, step_id, version_a, version_b) DO UPDATE SET
    u2 = r.u2 + excluded.u2, ties_cross = r.ties_cross + excluded.ties_cross;

  DELETE FROM analytics_rank_ties t
  USING (SELECT DISTINCT c.org_id, c.sop_id, c.measure, c.step_id FROM unnest(changes) c) series
  WHERE t.org_id = series.org_id AND t.sop_id = series.sop_id AND t.measure = series.measure
    AND t.step_id = series.step_id AND t.tie_term = 0;
  -- A pair with an empty side has U = 0 and no cross ties; it is kept only while both have durations.
  DELETE FROM analytics_rank_pairs p
  USING (SELECT DISTINCT c.org_id, c.sop_id, c.measure, c.step_id FROM unnest(changes) c) series
  WHERE p.org_id = series.org_id AND p.sop_id = series.sop_id AND p.measure = series.measure
    AND p.step_id = series.step_id
    AND (NOT EXISTS (SELECT 1 FROM analytics_rank_buckets r WHERE r.org_id = p.org_id AND r.sop_id = p.sop_id
                     AND r.measure = p.measure AND r.step_id = p.step_id AND r.sop_version = p.version_a AND r.level = 0)
      OR NOT EXISTS (SELECT 1 FROM analytics_rank_buckets r WHERE r.org_id = p.org_id AND r.sop_id = p.sop_id
                     AND r.measure = p.measure AND r.step_id = p.step_id AND r.sop_version = p.version_b AND r.level = 0));
END $$;
--> statement-breakpoint
-- Whether a series with `changed` changed durations out of `total` is cheaper to recount
-- (a sort of the series) than to update one duration at a time.
CREATE FUNCTION analytics_recount(changed numeric, total numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT changed > 2000 OR changed * 4 > total
$$;
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
  PERFORM analytics_apply_counts(changes);
  -- Series changed in bulk are recounted; the others updated together, in one statement.
  FOR series IN
    SELECT c.org_id, c.sop_id, c.measure, c.step_id FROM unnest(changes) c
    GROUP BY 1, 2, 3, 4
    HAVING analytics_recount(sum(abs(c.w)), (
      SELECT coalesce(sum(r.n), 0) FROM analytics_rank_buckets r
      WHERE r.org_id = c.org_id AND r.sop_id = c.sop_id AND r.measure = c.measure AND r.step_id = c.step_id
        AND r.level = 0))
  LOOP
    PERFORM analytics_rebuild_ranks(series.org_id, series.sop_id, series.measure, series.step_id);
    changes := ARRAY(SELECT c FROM unnest(changes) c WHERE (c.org_id, c.sop_id, c.measure, c.step_id)
      <> (series.org_id, series.sop_id, series.measure, series.step_id));
  END LOOP;
  IF cardinality(changes) > 0 THEN
    PERFORM analytics_update_ranks(changes);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION analytics_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  m smallint := CASE TG_TABLE_NAME WHEN 'step_executions' THEN 0 ELSE 1 END;
BEGIN
  DELETE FROM analytics_duration_buckets WHERE measure = m;
  DELETE FROM analytics_rank_buckets WHERE measure = m;
  DELETE FROM analytics_rank_ties WHERE measure = m;
  DELETE FROM analytics_rank_pairs WHERE measure = m;
  IF m = 0 THEN
    DELETE FROM analytics_flag_counts;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every summary recounted from the rows, one series at a time (this migration, and tests
-- that check the triggers).
CREATE FUNCTION analytics_rebuild_stats() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  series record;
  changes analytics_change[];
BEGIN
  DELETE FROM analytics_duration_buckets;
  DELETE FROM analytics_rank_buckets;
  DELETE FROM analytics_flag_counts;
  DELETE FROM analytics_rank_ties;
  DELETE FROM analytics_rank_pairs;
  FOR series IN
    SELECT DISTINCT 'step_executions' AS source, org_id, sop_id, 0::smallint AS measure, step_id
    FROM step_executions WHERE run_status = 'completed'
    UNION ALL
    SELECT DISTINCT 'runs', org_id, sop_id, 1::smallint, '' FROM runs WHERE status = 'completed' AND duration_ms IS NOT NULL
  LOOP
    EXECUTE 'SELECT array_agg(ROW(c.*)::analytics_change) FROM (' || analytics_change_sql(series.source, series.source, 1)
      || ') AS c WHERE c.org_id = $1 AND c.sop_id = $2 AND c.step_id = $3'
    INTO changes USING series.org_id, series.sop_id, series.step_id;
    PERFORM analytics_apply_counts(changes);
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

--> statement-breakpoint
SELECT fieldbook_enable_tenant_rls(t) FROM unnest(ARRAY['analytics_duration_buckets', 'analytics_flag_counts', 'analytics_rank_buckets', 'analytics_rank_pairs', 'analytics_rank_ties']::regclass[]) AS t;
