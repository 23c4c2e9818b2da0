ALTER TABLE `decisions` ADD `prompt_sha` varchar(64);--> statement-breakpoint
ALTER TABLE `decisions` ADD `cached_tokens` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `lag_ms` int;--> statement-breakpoint
ALTER TABLE `decisions` ADD `expires_at` datetime(3);--> statement-breakpoint
CREATE INDEX `decisions_created_idx` ON `decisions` (`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_group_tick_idx` ON `decisions` (`group_key`,`tick_time`);