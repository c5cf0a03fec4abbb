CREATE TABLE `results_category_statements` (
	`category_id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`statement` text DEFAULT '{}' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `results_feedback_mails` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`publish_run` text NOT NULL,
	`queued_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `results_placements` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`category_id` text NOT NULL,
	`place` text NOT NULL,
	`single` text,
	`recorded_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `results_placements_single` ON `results_placements` (`category_id`,`single`);--> statement-breakpoint
CREATE INDEX `results_placements_edition` ON `results_placements` (`edition_id`);--> statement-breakpoint
CREATE TABLE `results_publications` (
	`edition_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`statement` text DEFAULT '{}' NOT NULL,
	`locked_at` integer,
	`locked_by` text,
	`published_at` integer,
	`published_by` text,
	`publish_run` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
