CREATE TABLE "quote_fragments" (
	"manifest_id" text NOT NULL,
	"fragment" integer NOT NULL,
	"digest" text NOT NULL,
	"words" text NOT NULL,
	"word_count" integer NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "quote_fragments_manifest_id_fragment_pk" PRIMARY KEY("manifest_id","fragment")
);
--> statement-breakpoint
CREATE INDEX "quote_fragments_digest" ON "quote_fragments" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "quote_fragments_source" ON "quote_fragments" USING btree ("source_id");