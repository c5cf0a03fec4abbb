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