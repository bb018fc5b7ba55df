CREATE TABLE "fingerprints" (
	"manifest_id" text PRIMARY KEY NOT NULL,
	"phash" text NOT NULL,
	"pdq" text NOT NULL,
	"p0" integer NOT NULL,
	"p1" integer NOT NULL,
	"p2" integer NOT NULL,
	"p3" integer NOT NULL,
	"q0" integer NOT NULL,
	"q1" integer NOT NULL,
	"q2" integer NOT NULL,
	"q3" integer NOT NULL,
	"q4" integer NOT NULL,
	"q5" integer NOT NULL,
	"q6" integer NOT NULL,
	"q7" integer NOT NULL,
	"q8" integer NOT NULL,
	"q9" integer NOT NULL,
	"q10" integer NOT NULL,
	"q11" integer NOT NULL,
	"q12" integer NOT NULL,
	"q13" integer NOT NULL,
	"q14" integer NOT NULL,
	"q15" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fingerprints_p0" ON "fingerprints" USING btree ("p0");--> statement-breakpoint
CREATE INDEX "fingerprints_p1" ON "fingerprints" USING btree ("p1");--> statement-breakpoint
CREATE INDEX "fingerprints_p2" ON "fingerprints" USING btree ("p2");--> statement-breakpoint
CREATE INDEX "fingerprints_p3" ON "fingerprints" USING btree ("p3");--> statement-breakpoint
CREATE INDEX "fingerprints_q0" ON "fingerprints" USING btree ("q0");--> statement-breakpoint
CREATE INDEX "fingerprints_q1" ON "fingerprints" USING btree ("q1");--> statement-breakpoint
CREATE INDEX "fingerprints_q2" ON "fingerprints" USING btree ("q2");--> statement-breakpoint
CREATE INDEX "fingerprints_q3" ON "fingerprints" USING btree ("q3");--> statement-breakpoint
CREATE INDEX "fingerprints_q4" ON "fingerprints" USING btree ("q4");--> statement-breakpoint
CREATE INDEX "fingerprints_q5" ON "fingerprints" USING btree ("q5");--> statement-breakpoint
CREATE INDEX "fingerprints_q6" ON "fingerprints" USING btree ("q6");--> statement-breakpoint
CREATE INDEX "fingerprints_q7" ON "fingerprints" USING btree ("q7");--> statement-breakpoint
CREATE INDEX "fingerprints_q8" ON "fingerprints" USING btree ("q8");--> statement-breakpoint
CREATE INDEX "fingerprints_q9" ON "fingerprints" USING btree ("q9");--> statement-breakpoint
CREATE INDEX "fingerprints_q10" ON "fingerprints" USING btree ("q10");--> statement-breakpoint
CREATE INDEX "fingerprints_q11" ON "fingerprints" USING btree ("q11");--> statement-breakpoint
CREATE INDEX "fingerprints_q12" ON "fingerprints" USING btree ("q12");--> statement-breakpoint
CREATE INDEX "fingerprints_q13" ON "fingerprints" USING btree ("q13");--> statement-breakpoint
CREATE INDEX "fingerprints_q14" ON "fingerprints" USING btree ("q14");--> statement-breakpoint
CREATE INDEX "fingerprints_q15" ON "fingerprints" USING btree ("q15");--> statement-breakpoint
-- Backfill: the chunks of every fingerprint stored before this table existed.
INSERT INTO "fingerprints" ("manifest_id", "phash", "pdq", "p0", "p1", "p2", "p3", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15")
  SELECT "id", "phash", "pdq", ('x' || substr("phash", 1, 4))::bit(16)::integer, ('x' || substr("phash", 5, 4))::bit(16)::integer, ('x' || substr("phash", 9, 4))::bit(16)::integer, ('x' || substr("phash", 13, 4))::bit(16)::integer, ('x' || substr("pdq", 1, 4))::bit(16)::integer, ('x' || substr("pdq", 5, 4))::bit(16)::integer, ('x' || substr("pdq", 9, 4))::bit(16)::integer, ('x' || substr("pdq", 13, 4))::bit(16)::integer, ('x' || substr("pdq", 17, 4))::bit(16)::integer, ('x' || substr("pdq", 21, 4))::bit(16)::integer, ('x' || substr("pdq", 25, 4))::bit(16)::integer, ('x' || substr("pdq", 29, 4))::bit(16)::integer, ('x' || substr("pdq", 33, 4))::bit(16)::integer, ('x' || substr("pdq", 37, 4))::bit(16)::integer, ('x' || substr("pdq", 41, 4))::bit(16)::integer, ('x' || substr("pdq", 45, 4))::bit(16)::integer, ('x' || substr("pdq", 49, 4))::bit(16)::integer, ('x' || substr("pdq", 53, 4))::bit(16)::integer, ('x' || substr("pdq", 57, 4))::bit(16)::integer, ('x' || substr("pdq", 61, 4))::bit(16)::integer
  FROM "manifests" WHERE "phash" IS NOT NULL AND "pdq" IS NOT NULL;
