CREATE TABLE "checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" bigint NOT NULL,
	"anchor_chain_id" bigint,
	"anchor_contract" text,
	"anchor_seq" bigint,
	"anchor_tx_hash" text,
	"anchor_block" bigint,
	"anchored_at" bigint,
	"anchor_finalized" boolean
);
--> statement-breakpoint
CREATE TABLE "keys" (
	"id" text PRIMARY KEY NOT NULL,
	"alg" text NOT NULL,
	"public_key" "bytea" NOT NULL,
	"statement_bytes" "bytea" NOT NULL,
	"statement_digest" text NOT NULL,
	"subject_name" text,
	"subject_kind" text,
	"endorsed_by" text,
	"status" text NOT NULL,
	"received_at" bigint NOT NULL,
	"log_index" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_entries" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"leaf" "bytea" NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"kind" text NOT NULL,
	"manifest_digest" text NOT NULL,
	"subject_digest" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"compact_range" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"claim_bytes" "bytea" NOT NULL,
	"media_sha256" text,
	"pixels_sha256" text,
	"phash" text,
	"pdq" text,
	"parent_id" text,
	"created_at" bigint,
	"received_at" bigint NOT NULL,
	"log_index" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"log_index" bigint PRIMARY KEY NOT NULL,
	"body" "bytea" NOT NULL,
	"sig" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revocations" (
	"digest" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"statement_bytes" "bytea" NOT NULL,
	"effective_at" bigint NOT NULL,
	"received_at" bigint NOT NULL,
	"log_index" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"manifest_id" text NOT NULL,
	"entry_digest" text NOT NULL,
	"key_id" text NOT NULL,
	"role" text NOT NULL,
	"entry_bytes" "bytea" NOT NULL,
	"received_at" bigint NOT NULL,
	"log_index" bigint NOT NULL,
	CONSTRAINT "signatures_manifest_id_entry_digest_pk" PRIMARY KEY("manifest_id","entry_digest")
);
--> statement-breakpoint
CREATE INDEX "manifests_media_sha256" ON "manifests" USING btree ("media_sha256");--> statement-breakpoint
CREATE INDEX "manifests_pixels_sha256" ON "manifests" USING btree ("pixels_sha256");--> statement-breakpoint
CREATE INDEX "manifests_parent" ON "manifests" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "revocations_key" ON "revocations" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "signatures_key" ON "signatures" USING btree ("key_id");