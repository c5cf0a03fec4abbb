CREATE TABLE `lunch_survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`day_id` text NOT NULL,
	`role` text NOT NULL,
	`rating` integer NOT NULL,
	`meet_again` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_on` text NOT NULL,
	FOREIGN KEY (`day_id`) REFERENCES `lunch_days`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lunch_survey_answers_day` ON `lunch_survey_answers` (`day_id`);--> statement-breakpoint
ALTER TABLE `lunch_households` ADD `survey_sent_at` integer;--> statement-breakpoint
ALTER TABLE `lunch_households` ADD `survey_answered_at` integer;