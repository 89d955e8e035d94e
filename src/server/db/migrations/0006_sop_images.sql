CREATE TABLE "sop_images" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sop_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sop_images_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "sop_images_org_sop_idx" ON "sop_images" USING btree ("org_id","sop_id");--> statement-breakpoint
SELECT fieldbook_enable_tenant_rls('sop_images');
