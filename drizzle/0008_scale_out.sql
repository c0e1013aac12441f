CREATE TABLE "attachment_contents" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "attachment_contents_size_check" CHECK (octet_length("attachment_contents"."content") <= 26214400)
);
--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "storage_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "appeal_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "adr_eligible_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attachment_contents" ADD CONSTRAINT "attachment_contents_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_unclaimed_idx" ON "attachments" USING btree ("created_at") WHERE "attachments"."case_id" is null;--> statement-breakpoint
CREATE INDEX "cases_appeal_closes_idx" ON "cases" USING btree ("appeal_closes_at","id") WHERE "cases"."appeal_closes_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_adr_eligible_idx" ON "cases" USING btree ("adr_eligible_at","id") WHERE "cases"."adr_eligible_at" is not null;--> statement-breakpoint
-- Uploads are PDFs and photos, already compressed: keep them out of line and uncompressed, so a
-- download reads one slice at a time (substring) instead of detoasting the whole file per slice.
ALTER TABLE "attachment_contents" ALTER COLUMN "content" SET STORAGE EXTERNAL;--> statement-breakpoint
-- Backfill, deliberately early: a standing proposal is due a check from the moment it was made,
-- a complaint without an ADR letter from its receipt. The case scheduler applies the
-- organisation's rules to each such case once and stores the exact instant (or null), the same
-- correction it makes whenever a stored instant proves early.
UPDATE "cases" SET "appeal_closes_at" = (
  SELECT max("created_at") FROM "case_events" e WHERE e."case_id" = "cases"."id" AND e."type" = 'resolution_proposed'
) WHERE "status" = 'resolution_proposed';--> statement-breakpoint
UPDATE "cases" SET "adr_eligible_at" = "received_at"
WHERE "kind" = 'complaint' AND "status" <> 'accepted'
  AND NOT EXISTS (SELECT 1 FROM "case_events" e WHERE e."case_id" = "cases"."id" AND e."type" = 'adr_notice');
