CREATE TABLE `peoples_choice_requests` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`category_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`voter_hash` text NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `peoples_choice_requests_expiry` ON `peoples_choice_requests` (`expires_at`);--> statement-breakpoint
CREATE TABLE `peoples_choice_windows` (
	`edition_id` text PRIMARY KEY NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `peoples_choice_votes` (
	`category_id` text NOT NULL,
	`voter_hash` text NOT NULL,
	`edition_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`cast_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`changes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`category_id`, `voter_hash`),
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `peoples_choice_votes_entry` ON `peoples_choice_votes` (`entry_id`);