CREATE INDEX "cases_queue_open_idx" ON "cases" USING btree ("organisation_id","next_due_at","id") WHERE "cases"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "cases_queue_assignee_idx" ON "cases" USING btree ("organisation_id","assignee_id","next_due_at","id") WHERE "cases"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "cases_org_name_idx" ON "cases" USING btree ("organisation_id",lower("complainant_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_org_received_idx" ON "cases" USING btree ("organisation_id","received_at");