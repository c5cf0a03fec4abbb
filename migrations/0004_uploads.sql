CREATE TABLE `upload_parts` (
	`upload_id` text NOT NULL,
	`part_number` integer NOT NULL,
	`etag` text NOT NULL,
	`size` integer NOT NULL,
	PRIMARY KEY(`upload_id`, `part_number`),
	FOREIGN KEY (`upload_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`purpose` text NOT NULL,
	`key` text NOT NULL,
	`multipart_upload_id` text,
	`declared_size` integer NOT NULL,
	`part_size` integer NOT NULL,
	`received_bytes` integer DEFAULT 0 NOT NULL,
	`parts_received` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`detected_type` text,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uploads_key_unique` ON `uploads` (`key`);--> statement-breakpoint
CREATE INDEX `uploads_owner_purpose` ON `uploads` (`owner_id`,`purpose`);--> statement-breakpoint
CREATE INDEX `uploads_state_updated` ON `uploads` (`state`,`updated_at`);