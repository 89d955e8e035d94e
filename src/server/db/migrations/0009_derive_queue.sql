-- The runs whose derived rows wait for the deriver (src/server/sync/derive-queue.ts): a push
-- queues them in its transaction instead of deriving them there.
CREATE TABLE "derive_queue" (
	"org_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"run_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "derive_queue_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
SELECT fieldbook_enable_tenant_rls('derive_queue');
