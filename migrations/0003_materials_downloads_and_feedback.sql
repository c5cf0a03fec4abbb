CREATE TABLE `download_counts` (
	`material_id` text NOT NULL,
	`file` text NOT NULL,
	`locale` text NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`material_id`, `file`, `locale`, `day`)
);
--> statement-breakpoint
CREATE TABLE `material_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`material_id` text NOT NULL,
	`locale` text NOT NULL,
	`students` integer NOT NULL,
	`age_group` text NOT NULL,
	`school_type` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `material_feedback_material` ON `material_feedback` (`material_id`);