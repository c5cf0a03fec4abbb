CREATE TABLE `competition_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`slug` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`languages` text NOT NULL,
	`file_types` text NOT NULL,
	`max_file_bytes` integer NOT NULL,
	`min_work_files` integer DEFAULT 0 NOT NULL,
	`entries_per_entrant` integer DEFAULT 1 NOT NULL,
	`required_fields` text NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_categories_slug` ON `competition_categories` (`edition_id`,`slug`);--> statement-breakpoint
CREATE TABLE `competition_editions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`rules` text NOT NULL,
	`prizes` text NOT NULL,
	`time_zone` text DEFAULT 'Europe/Bratislava' NOT NULL,
	`submissions_open_at` integer NOT NULL,
	`submissions_close_at` integer NOT NULL,
	`published_from` text NOT NULL,
	`published_until` text NOT NULL,
	`jury_starts_at` integer,
	`jury_ends_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `competition_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`entrant_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`screening` text DEFAULT 'pending' NOT NULL,
	`screening_reason` text,
	`seq` integer,
	`number` text,
	`category_id` text,
	`title` text DEFAULT '' NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`outlet` text DEFAULT '' NOT NULL,
	`published_on` text DEFAULT '' NOT NULL,
	`url` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`summary_translation` text DEFAULT '' NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`conflicts` text DEFAULT '' NOT NULL,
	`declared_own_work` integer DEFAULT false NOT NULL,
	`declared_licence` integer DEFAULT false NOT NULL,
	`declared_rules` integer DEFAULT false NOT NULL,
	`declared_privacy` integer DEFAULT false NOT NULL,
	`locale` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entrant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_entries_seq` ON `competition_entries` (`edition_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `competition_entries_number` ON `competition_entries` (`number`);--> statement-breakpoint
CREATE INDEX `competition_entries_entrant` ON `competition_entries` (`entrant_id`);--> statement-breakpoint
CREATE INDEX `competition_entries_edition` ON `competition_entries` (`edition_id`,`status`);--> statement-breakpoint
CREATE TABLE `competition_entry_files` (
	`id` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`upload_key` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `competition_entry_files_entry` ON `competition_entry_files` (`entry_id`);--> statement-breakpoint
CREATE TABLE `competition_extensions` (
	`id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`entrant_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`until` integer NOT NULL,
	`redeemed_at` integer,
	`granted_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entrant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competition_extensions_entrant` ON `competition_extensions` (`edition_id`,`entrant_id`);