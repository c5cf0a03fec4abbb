CREATE TABLE `jury_ballots` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`category_id` text NOT NULL,
	`juror_id` text NOT NULL,
	`version` integer NOT NULL,
	`save_id` text NOT NULL,
	`state` text NOT NULL,
	`ranks` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `jury_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_ballots_one` ON `jury_ballots` (`round_id`,`category_id`,`juror_id`);--> statement-breakpoint
CREATE TABLE `jury_shortlist` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`way` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`mean_score` real,
	`added_by` text,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `jury_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_shortlist_entry` ON `jury_shortlist` (`round_id`,`entry_id`);