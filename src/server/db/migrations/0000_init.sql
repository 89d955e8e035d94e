CREATE TABLE "dead_letters" (
	"org_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"device_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"event_id" text,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"raw" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dead_letters_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"org_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sync_at" timestamp with time zone DEFAULT now() NOT NULL,
	"app_version" text NOT NULL,
	CONSTRAINT "devices_org_id_device_id_pk" PRIMARY KEY("org_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sync_counter" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"device_id" uuid NOT NULL,
	"device_seq" bigint NOT NULL,
	"v" integer NOT NULL,
	"type" text NOT NULL,
	"at" bigint NOT NULL,
	"mono" double precision NOT NULL,
	"page_load_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"payload_hash" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"sop_version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"training" boolean NOT NULL,
	"status" text NOT NULL,
	"started_at" bigint,
	"ended_at" bigint,
	"duration_ms" bigint,
	"active_duration_ms" bigint,
	"flagged_steps" integer NOT NULL,
	"errored" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "server_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sop_versions" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"sync_cursor" bigint NOT NULL,
	CONSTRAINT "sop_versions_org_id_sop_id_version_pk" PRIMARY KEY("org_id","sop_id","version")
);
--> statement-breakpoint
CREATE TABLE "sops" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"category" text NOT NULL,
	"owner_id" uuid,
	"review_interval_days" integer DEFAULT 90 NOT NULL,
	"status" text NOT NULL,
	"last_reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sops_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "step_executions" (
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"position" integer NOT NULL,
	"sop_id" uuid NOT NULL,
	"sop_version" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"training" boolean NOT NULL,
	"run_status" text NOT NULL,
	"status" text NOT NULL,
	"duration_ms" bigint NOT NULL,
	"active_duration_ms" bigint NOT NULL,
	"flagged" boolean NOT NULL,
	"flag_categories" jsonb NOT NULL,
	CONSTRAINT "step_executions_org_id_run_id_step_id_pk" PRIMARY KEY("org_id","run_id","step_id")
);
--> statement-breakpoint
CREATE INDEX "dead_letters_org_device_idx" ON "dead_letters" USING btree ("org_id","device_id");--> statement-breakpoint
CREATE INDEX "run_events_org_run_seq_idx" ON "run_events" USING btree ("org_id","run_id","seq");--> statement-breakpoint
CREATE INDEX "run_events_org_device_seq_idx" ON "run_events" USING btree ("org_id","device_id","device_seq");--> statement-breakpoint
CREATE INDEX "runs_org_sop_version_idx" ON "runs" USING btree ("org_id","sop_id","sop_version");--> statement-breakpoint
CREATE INDEX "runs_org_user_idx" ON "runs" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_versions_org_cursor_idx" ON "sop_versions" USING btree ("org_id","sync_cursor");--> statement-breakpoint
CREATE INDEX "step_executions_org_sop_step_idx" ON "step_executions" USING btree ("org_id","sop_id","step_id");