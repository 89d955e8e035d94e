CREATE TABLE "analytics_duration_buckets" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"measure" smallint NOT NULL,
	"step_id" text NOT NULL,
	"sop_version" integer NOT NULL,
	"bucket" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"training" boolean NOT NULL,
	"n" integer NOT NULL,
	"bad" integer NOT NULL,
	"position_sum" bigint NOT NULL,
	"duration_sum" bigint NOT NULL,
	"active_sum" bigint NOT NULL,
	CONSTRAINT "analytics_duration_buckets_org_id_sop_id_measure_step_id_sop_version_bucket_user_id_training_pk" PRIMARY KEY("org_id","sop_id","measure","step_id","sop_version","bucket","user_id","training")
);
--> statement-breakpoint
CREATE TABLE "analytics_flag_counts" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"sop_version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"training" boolean NOT NULL,
	"category" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_flag_counts_org_id_sop_id_step_id_sop_version_user_id_training_category_pk" PRIMARY KEY("org_id","sop_id","step_id","sop_version","user_id","training","category")
);
--> statement-breakpoint
CREATE TABLE "analytics_rank_buckets" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"measure" smallint NOT NULL,
	"step_id" text NOT NULL,
	"sop_version" integer NOT NULL,
	"level" smallint NOT NULL,
	"bucket" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "analytics_rank_buckets_org_id_sop_id_measure_step_id_sop_version_level_bucket_pk" PRIMARY KEY("org_id","sop_id","measure","step_id","sop_version","level","bucket")
);
--> statement-breakpoint
CREATE TABLE "analytics_rank_pairs" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"measure" smallint NOT NULL,
	"step_id" text NOT NULL,
	"version_a" integer NOT NULL,
	"version_b" integer NOT NULL,
	"u2" numeric NOT NULL,
	"ties_cross" numeric NOT NULL,
	CONSTRAINT "analytics_rank_pairs_org_id_sop_id_measure_step_id_version_a_version_b_pk" PRIMARY KEY("org_id","sop_id","measure","step_id","version_a","version_b")
);
--> statement-breakpoint
CREATE TABLE "analytics_rank_ties" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"measure" smallint NOT NULL,
	"step_id" text NOT NULL,
	"sop_version" integer NOT NULL,
	"tie_term" numeric NOT NULL,
	CONSTRAINT "analytics_rank_ties_org_id_sop_id_measure_step_id_sop_version_pk" PRIMARY KEY("org_id","sop_id","measure","step_id","sop_version")
);
--> statement-breakpoint
DROP INDEX "step_executions_org_sop_step_idx";--> statement-breakpoint
CREATE INDEX "runs_done_duration_idx" ON "runs" USING btree ("org_id","sop_id","duration_ms","sop_version","user_id","training","started_at","active_duration_ms","errored") WHERE "runs"."status" = 'completed' and "runs"."duration_ms" is not null;--> statement-breakpoint
CREATE INDEX "runs_done_version_idx" ON "runs" USING btree ("org_id","sop_id","sop_version","duration_ms","user_id","training","started_at") WHERE "runs"."status" = 'completed' and "runs"."duration_ms" is not null;--> statement-breakpoint
CREATE INDEX "runs_done_week_idx" ON "runs" USING btree ("org_id","sop_id",((floor((started_at + 259200000) / 604800000.0) * 604800000 - 259200000)::float8),"duration_ms","sop_version","user_id","training","started_at") WHERE "runs"."status" = 'completed' and "runs"."duration_ms" is not null;--> statement-breakpoint
CREATE INDEX "runs_unfinished_idx" ON "runs" USING btree ("org_id","sop_id","status","sop_version","user_id","training","started_at","errored") WHERE "runs"."status" = 'aborted' or "runs"."duration_ms" is null;--> statement-breakpoint
CREATE INDEX "step_executions_done_duration_idx" ON "step_executions" USING btree ("org_id","sop_id","step_id","duration_ms","sop_version","user_id","training") WHERE "step_executions"."run_status" = 'completed';