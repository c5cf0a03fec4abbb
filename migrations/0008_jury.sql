CREATE TABLE `jury_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`juror_id` text NOT NULL,
	`source` text NOT NULL,
	`quality` real NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `jury_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_assignments_pair` ON `jury_assignments` (`round_id`,`entry_id`,`juror_id`);--> statement-breakpoint
CREATE INDEX `jury_assignments_juror` ON `jury_assignments` (`juror_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `jury_entry_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`juror_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`source` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_entry_conflicts_pair` ON `jury_entry_conflicts` (`juror_id`,`entry_id`);--> statement-breakpoint
CREATE TABLE `jury_declared_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`juror_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `jury_declared_conflicts_juror` ON `jury_declared_conflicts` (`juror_id`);--> statement-breakpoint
CREATE TABLE `jury_jurors` (
	`id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text,
	`invited_by` text NOT NULL,
	`invited_at` integer NOT NULL,
	`accepted_at` integer,
	`languages` text DEFAULT '[]' NOT NULL,
	`expertise` text DEFAULT '[]' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`employer` text DEFAULT '' NOT NULL,
	`cap` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_jurors_edition_user` ON `jury_jurors` (`edition_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `jury_jurors_token` ON `jury_jurors` (`token_hash`);--> statement-breakpoint
CREATE TABLE `jury_reminders` (
	`round_id` text NOT NULL,
	`juror_id` text NOT NULL,
	`kind` text NOT NULL,
	`run_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `jury_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_reminders_once` ON `jury_reminders` (`round_id`,`juror_id`,`kind`);--> statement-breakpoint
CREATE TABLE `jury_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`juror_id` text NOT NULL,
	`version` integer NOT NULL,
	`save_id` text NOT NULL,
	`state` text NOT NULL,
	`scores` text DEFAULT '{}' NOT NULL,
	`verdict` text,
	`rank` integer,
	`abstained` integer DEFAULT false NOT NULL,
	`comment_for_jury` text DEFAULT '' NOT NULL,
	`comment_for_entrant` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `jury_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `competition_entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`juror_id`) REFERENCES `jury_jurors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_reviews_one` ON `jury_reviews` (`round_id`,`entry_id`,`juror_id`);--> statement-breakpoint
CREATE INDEX `jury_reviews_entry` ON `jury_reviews` (`round_id`,`entry_id`);--> statement-breakpoint
CREATE TABLE `jury_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`source` text NOT NULL,
	`shortlist_size` integer,
	`per_entry` integer NOT NULL,
	`visibility` text NOT NULL,
	`names_shown` integer DEFAULT false NOT NULL,
	`last_run` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jury_rounds_position` ON `jury_rounds` (`edition_id`,`position`);--> statement-breakpoint
CREATE TABLE `jury_rubrics` (
	`category_id` text PRIMARY KEY NOT NULL,
	`edition_id` text NOT NULL,
	`criteria` text NOT NULL,
	`summary_languages` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `competition_categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `competition_editions`(`id`) ON UPDATE no action ON DELETE cascade
);
