CREATE TABLE `signal_claims` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`source_id` bigint unsigned NOT NULL,
	`claim_key` varchar(100) NOT NULL,
	`signal_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `signal_claims_id` PRIMARY KEY(`id`),
	CONSTRAINT `signal_claims_source_key_uq` UNIQUE(`source_id`,`claim_key`)
);
--> statement-breakpoint
CREATE TABLE `signal_sources` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`name` varchar(64) NOT NULL,
	`token_hash` char(64) NOT NULL,
	`token_hint` varchar(8) NOT NULL,
	`last_used_at` datetime(3),
	`rotated_at` datetime(3),
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `signal_sources_id` PRIMARY KEY(`id`),
	CONSTRAINT `signal_sources_token_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `signals` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`source_id` bigint unsigned NOT NULL,
	`format` enum('json','text') NOT NULL,
	`action` enum('buy','sell','close'),
	`symbol` varchar(32),
	`stop_loss` double,
	`take_profit` double,
	`leverage` int,
	`alert_id` varchar(64),
	`payload_hash` char(64) NOT NULL,
	`status` enum('accepted','rejected') NOT NULL,
	`reason` varchar(500),
	`decision_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `signals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `trading_settings` ADD `follow_mode` enum('shared','signals','both') DEFAULT 'both' NOT NULL;--> statement-breakpoint
ALTER TABLE `signal_claims` ADD CONSTRAINT `signal_claims_source_id_signal_sources_id_fk` FOREIGN KEY (`source_id`) REFERENCES `signal_sources`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `signal_claims` ADD CONSTRAINT `signal_claims_signal_id_signals_id_fk` FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `signal_sources` ADD CONSTRAINT `signal_sources_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `signals` ADD CONSTRAINT `signals_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `signals` ADD CONSTRAINT `signals_source_id_signal_sources_id_fk` FOREIGN KEY (`source_id`) REFERENCES `signal_sources`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `signals` ADD CONSTRAINT `signals_decision_id_decisions_id_fk` FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `signal_sources_user_idx` ON `signal_sources` (`user_id`,`revoked_at`);--> statement-breakpoint
CREATE INDEX `signals_user_created_idx` ON `signals` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `signals_source_created_idx` ON `signals` (`source_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `signals_decision_idx` ON `signals` (`decision_id`);