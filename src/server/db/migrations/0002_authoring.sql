CREATE TABLE "sop_drafts" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"draft" jsonb NOT NULL,
	"revision" integer NOT NULL,
	"published_revision" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "sop_drafts_org_id_sop_id_pk" PRIMARY KEY("org_id","sop_id")
);
--> statement-breakpoint
CREATE TABLE "sop_reviews" (
	"org_id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"reviewed_by" text,
	CONSTRAINT "sop_reviews_org_id_sop_id_reviewed_at_pk" PRIMARY KEY("org_id","sop_id","reviewed_at")
);
