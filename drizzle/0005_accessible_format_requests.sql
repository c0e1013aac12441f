CREATE TABLE "format_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "format_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"organisation_id" text NOT NULL,
	"organisation_slug" text NOT NULL,
	"subject" text NOT NULL,
	"case_reference" text,
	"format" text NOT NULL,
	"details" text,
	"delivery" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"postal_address" jsonb,
	"notes" text,
	"language" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"fulfilled_by" text,
	"note" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "format_request_events" ADD CONSTRAINT "format_request_events_request_id_format_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."format_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "format_request_events_request_idx" ON "format_request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "format_requests_reference_key" ON "format_requests" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "format_requests_idempotency_key" ON "format_requests" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "format_requests_org_status_idx" ON "format_requests" USING btree ("organisation_id","status","received_at");