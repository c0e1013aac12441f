ALTER TABLE "cases" ADD COLUMN "promised" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "anonymised_at" timestamp with time zone;