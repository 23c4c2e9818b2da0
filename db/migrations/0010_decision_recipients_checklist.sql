CREATE TABLE `decision_recipients` (
	`user_id` bigint unsigned NOT NULL,
	`decision_id` bigint unsigned NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`tick_time` datetime(3) NOT NULL,
	`outcome` enum('sent','hold','killed') NOT NULL,
	CONSTRAINT `decision_recipients_pk` PRIMARY KEY(`user_id`,`decision_id`)
);
--> statement-breakpoint
ALTER TABLE `trading_settings` ADD `settings_saved_at` datetime(3);--> statement-breakpoint
ALTER TABLE `trading_settings` ADD `checklist_done_at` datetime(3);--> statement-breakpoint
ALTER TABLE `decision_recipients` ADD CONSTRAINT `decision_recipients_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `decision_recipients` ADD CONSTRAINT `decision_recipients_decision_id_decisions_id_fk` FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `decision_recipients_user_symbol_tick_idx` ON `decision_recipients` (`user_id`,`symbol`,`tick_time`);--> statement-breakpoint
CREATE INDEX `decision_recipients_user_outcome_tick_idx` ON `decision_recipients` (`user_id`,`outcome`,`tick_time`);--> statement-breakpoint
CREATE INDEX `decision_recipients_decision_idx` ON `decision_recipients` (`decision_id`);--> statement-breakpoint
-- People already trading before the checklist existed do not need it.
UPDATE `trading_settings` SET `checklist_done_at` = NOW(3) WHERE `auto_trade` = 1 OR EXISTS (SELECT 1 FROM `orders` WHERE `orders`.`user_id` = `trading_settings`.`user_id`);
