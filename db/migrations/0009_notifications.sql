CREATE TABLE `notification_channels` (
	`user_id` bigint unsigned NOT NULL,
	`telegram_chat_id` varchar(32),
	`telegram_username` varchar(64),
	`telegram_link_hash` varchar(64),
	`telegram_link_expires_at` datetime(3),
	`webhook_url` varchar(500),
	`webhook_secret_enc` text,
	`summary_hour` tinyint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notification_channels_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`event_key` varchar(120) NOT NULL,
	`channel` enum('inapp','email','telegram','webhook') NOT NULL,
	`status` enum('sending','sent','failed') NOT NULL,
	`attempts` tinyint unsigned NOT NULL DEFAULT 0,
	`error` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`sent_at` datetime(3),
	CONSTRAINT `notification_deliveries_id` PRIMARY KEY(`id`),
	CONSTRAINT `notification_deliveries_uq` UNIQUE(`user_id`,`event_key`,`channel`)
);
--> statement-breakpoint
CREATE TABLE `notification_prefs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`event` varchar(32) NOT NULL,
	`channel` enum('inapp','email','telegram','webhook') NOT NULL,
	`enabled` boolean NOT NULL,
	CONSTRAINT `notification_prefs_id` PRIMARY KEY(`id`),
	CONSTRAINT `notification_prefs_uq` UNIQUE(`user_id`,`event`,`channel`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`event_key` varchar(120) NOT NULL,
	`event` varchar(32) NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` text NOT NULL,
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `notifications_user_key_uq` UNIQUE(`user_id`,`event_key`)
);
--> statement-breakpoint
ALTER TABLE `notification_channels` ADD CONSTRAINT `notification_channels_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notification_deliveries` ADD CONSTRAINT `notification_deliveries_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notification_prefs` ADD CONSTRAINT `notification_prefs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `notification_channels_summary_idx` ON `notification_channels` (`summary_hour`);--> statement-breakpoint
CREATE INDEX `notifications_user_read_idx` ON `notifications` (`user_id`,`read_at`,`id`);