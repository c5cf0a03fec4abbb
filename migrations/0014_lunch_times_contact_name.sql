ALTER TABLE `lunch_days` ADD `start_time` text DEFAULT '12:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `lunch_days` ADD `end_time` text DEFAULT '15:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `lunch_households` ADD `contact_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `lunch_households` ADD `mail_nonce` text;