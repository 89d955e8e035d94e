DROP INDEX "dead_letters_org_device_idx";--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "device_seq" bigint;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "contiguous_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "dead_letters_org_device_idx" ON "dead_letters" USING btree ("org_id","device_id","device_seq");