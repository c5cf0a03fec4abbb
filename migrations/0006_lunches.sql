CREATE TABLE `lunch_days` (
	`id` text PRIMARY KEY NOT NULL,
	`city` text NOT NULL,
	`date` text NOT NULL,
	`format` text NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`host_places` integer NOT NULL,
	`guest_places` integer NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`signup_deadline` integer NOT NULL,
	`retention_days` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`purged_at` integer
);
--> statement-breakpoint
CREATE INDEX `lunch_days_date` ON `lunch_days` (`date`);--> statement-breakpoint
CREATE TABLE `lunch_households` (
	`id` text PRIMARY KEY NOT NULL,
	`day_id` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`queue_seq` integer,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`messenger` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`languages` text NOT NULL,
	`town` text NOT NULL,
	`max_travel_km` integer NOT NULL,
	`adults` integer NOT NULL,
	`children` text DEFAULT '{}' NOT NULL,
	`diets` text DEFAULT '[]' NOT NULL,
	`allergies` text DEFAULT '' NOT NULL,
	`can_cook_for` text DEFAULT '[]' NOT NULL,
	`seats` integer DEFAULT 0 NOT NULL,
	`accessibility` text DEFAULT '' NOT NULL,
	`has_pets` integer DEFAULT false NOT NULL,
	`avoid_pets` integer DEFAULT false NOT NULL,
	`consent_photos` integer DEFAULT false NOT NULL,
	`consented_at` integer NOT NULL,
	`on_behalf_by` text,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`offer_token_hash` text,
	`offer_expires_at` integer,
	`reminder_sent_at` integer,
	`cancelled_at` integer,
	FOREIGN KEY (`day_id`) REFERENCES `lunch_days`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lunch_households_day` ON `lunch_households` (`day_id`,`role`,`status`);--> statement-breakpoint
CREATE INDEX `lunch_households_queue` ON `lunch_households` (`day_id`,`queue_seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `lunch_households_offer_token` ON `lunch_households` (`offer_token_hash`);--> statement-breakpoint
CREATE TABLE `lunch_idempotency` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lunch_pairs` (
	`id` text PRIMARY KEY NOT NULL,
	`day_id` text NOT NULL,
	`host_id` text NOT NULL,
	`guest_id` text NOT NULL,
	`approved_by` text NOT NULL,
	`approved_at` integer NOT NULL,
	`host_confirmed_at` integer,
	`guest_confirmed_at` integer,
	`contacts_shared_at` integer,
	`share_nonce` text,
	FOREIGN KEY (`day_id`) REFERENCES `lunch_days`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_id`) REFERENCES `lunch_households`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`guest_id`) REFERENCES `lunch_households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lunch_pairs_host` ON `lunch_pairs` (`host_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `lunch_pairs_guest` ON `lunch_pairs` (`guest_id`);