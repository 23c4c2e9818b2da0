CREATE TABLE `checkout_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`stripe_session_id` varchar(255) NOT NULL,
	`stripe_customer_id` varchar(64) NOT NULL,
	`plan` enum('free','pro','elite') NOT NULL,
	`status` enum('open','complete','expired') NOT NULL DEFAULT 'open',
	`url` text,
	`expires_at` datetime(3),
	`completed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `checkout_sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `checkout_sessions_stripe_uq` UNIQUE(`stripe_session_id`)
);
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `duplicate_of` varchar(64);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `refunded_amount` int;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `refund_currency` varchar(3);--> statement-breakpoint
ALTER TABLE `checkout_sessions` ADD CONSTRAINT `checkout_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `checkout_sessions_user_status_idx` ON `checkout_sessions` (`user_id`,`status`);