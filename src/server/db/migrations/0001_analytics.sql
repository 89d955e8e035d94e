CREATE TABLE "onboarding_tracks" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"sop_id" uuid NOT NULL,
	CONSTRAINT "onboarding_tracks_org_id_person_id_position_pk" PRIMARY KEY("org_id","person_id","position")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"start_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "photos_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "push_batches" (
	"org_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"sent_at" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"skew_ms" bigint NOT NULL,
	"events" integer NOT NULL,
	"accepted" integer NOT NULL,
	"clock_reason" text,
	CONSTRAINT "push_batches_org_id_device_id_batch_id_pk" PRIMARY KEY("org_id","device_id","batch_id")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "clock_suspect" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "clock_reason" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "clock_skew_ms" bigint;--> statement-breakpoint
ALTER TABLE "run_events" ADD COLUMN "estimated_at" bigint;