CREATE TABLE "fingerprints" (
	"manifest_id" text PRIMARY KEY NOT NULL,
	"phash" text NOT NULL,
	"pdq" text NOT NULL,
	"ph0" integer NOT NULL,
	"ph1" integer NOT NULL,
	"ph2" integer NOT NULL,
	"pdq0" integer NOT NULL,
	"pdq1" integer NOT NULL,
	"pdq2" integer NOT NULL,
	"pdq3" integer NOT NULL,
	"pdq4" integer NOT NULL,
	"pdq5" integer NOT NULL,
	"pdq6" integer NOT NULL,
	"pdq7" integer NOT NULL,
	"pdq8" integer NOT NULL,
	"pdq9" integer NOT NULL,
	"pdq10" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fingerprints_ph0" ON "fingerprints" USING btree ("ph0");--> statement-breakpoint
CREATE INDEX "fingerprints_ph1" ON "fingerprints" USING btree ("ph1");--> statement-breakpoint
CREATE INDEX "fingerprints_ph2" ON "fingerprints" USING btree ("ph2");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq0" ON "fingerprints" USING btree ("pdq0");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq1" ON "fingerprints" USING btree ("pdq1");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq2" ON "fingerprints" USING btree ("pdq2");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq3" ON "fingerprints" USING btree ("pdq3");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq4" ON "fingerprints" USING btree ("pdq4");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq5" ON "fingerprints" USING btree ("pdq5");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq6" ON "fingerprints" USING btree ("pdq6");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq7" ON "fingerprints" USING btree ("pdq7");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq8" ON "fingerprints" USING btree ("pdq8");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq9" ON "fingerprints" USING btree ("pdq9");--> statement-breakpoint
CREATE INDEX "fingerprints_pdq10" ON "fingerprints" USING btree ("pdq10");--> statement-breakpoint
-- Backfill: the chunks of every fingerprint stored before this table existed.
INSERT INTO "fingerprints" ("manifest_id", "phash", "pdq", "ph0", "ph1", "ph2", "pdq0", "pdq1", "pdq2", "pdq3", "pdq4", "pdq5", "pdq6", "pdq7", "pdq8", "pdq9", "pdq10")
  SELECT "id",
    "phash",
    "pdq",
    substring(('x' || "phash")::bit(64) from 1 for 22)::bit(22)::integer,
    substring(('x' || "phash")::bit(64) from 23 for 21)::bit(21)::integer,
    substring(('x' || "phash")::bit(64) from 44 for 21)::bit(21)::integer,
    substring(('x' || "pdq")::bit(256) from 1 for 24)::bit(24)::integer,
    substring(('x' || "pdq")::bit(256) from 25 for 24)::bit(24)::integer,
    substring(('x' || "pdq")::bit(256) from 49 for 24)::bit(24)::integer,
    substring(('x' || "pdq")::bit(256) from 73 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 96 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 119 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 142 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 165 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 188 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 211 for 23)::bit(23)::integer,
    substring(('x' || "pdq")::bit(256) from 234 for 23)::bit(23)::integer
  FROM "manifests" WHERE "phash" IS NOT NULL AND "pdq" IS NOT NULL;
