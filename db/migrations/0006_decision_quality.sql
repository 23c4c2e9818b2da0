CREATE TABLE `backtest_runs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` enum('queued','running','done','failed') NOT NULL DEFAULT 'queued',
	`source` enum('bundled','live') NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`period_from` datetime(3) NOT NULL,
	`period_to` datetime(3) NOT NULL,
	`risk_level` enum('low','medium','high') NOT NULL,
	`provider` varchar(32) NOT NULL,
	`model` varchar(64) NOT NULL,
	`prompt_hash` varchar(64),
	`max_leverage` int NOT NULL,
	`min_confidence` double NOT NULL,
	`max_cost_usd` decimal(12,6),
	`cost_usd` decimal(12,6) NOT NULL DEFAULT 0,
	`llm_calls` int NOT NULL DEFAULT 0,
	`cached_calls` int NOT NULL DEFAULT 0,
	`progress` double NOT NULL DEFAULT 0,
	`error` varchar(500),
	`stopped_reason` varchar(255),
	`metrics` json,
	`result` mediumtext,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`started_at` datetime(3),
	`finished_at` datetime(3),
	CONSTRAINT `backtest_runs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `llm_answers` (
	`prompt_sha` varchar(64) NOT NULL,
	`model` varchar(64) NOT NULL,
	`status` enum('ok','invalid','failed','skipped') NOT NULL,
	`decision` json NOT NULL,
	`error` text,
	`raw_response` mediumtext,
	`prompt_tokens` int NOT NULL DEFAULT 0,
	`cached_tokens` int NOT NULL DEFAULT 0,
	`completion_tokens` int NOT NULL DEFAULT 0,
	`cost_usd` decimal(12,6) NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `llm_answers_prompt_sha` PRIMARY KEY(`prompt_sha`)
);
--> statement-breakpoint
CREATE TABLE `track_record_accounts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`risk_level` enum('low','medium','high') NOT NULL,
	`initial_balance` decimal(24,8) NOT NULL,
	`start_price` decimal(24,8) NOT NULL,
	`balance` decimal(24,8) NOT NULL,
	`fees_paid` decimal(24,8) NOT NULL DEFAULT 0,
	`position` json,
	`cursor` bigint NOT NULL,
	`exposed_minutes` int NOT NULL DEFAULT 0,
	`minutes` int NOT NULL DEFAULT 0,
	`started_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `track_record_accounts_id` PRIMARY KEY(`id`),
	CONSTRAINT `track_record_accounts_uq` UNIQUE(`symbol`,`risk_level`)
);
--> statement-breakpoint
CREATE TABLE `track_record_equity` (
	`account_id` bigint unsigned NOT NULL,
	`t` bigint NOT NULL,
	`equity` decimal(24,8) NOT NULL,
	`before_fees` decimal(24,8) NOT NULL,
	CONSTRAINT `track_record_equity_uq` UNIQUE(`account_id`,`t`)
);
--> statement-breakpoint
CREATE TABLE `track_record_outcomes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`account_id` bigint unsigned NOT NULL,
	`decision_id` bigint unsigned NOT NULL,
	`status` varchar(16) NOT NULL,
	`detail` varchar(255),
	CONSTRAINT `track_record_outcomes_id` PRIMARY KEY(`id`),
	CONSTRAINT `track_record_outcomes_uq` UNIQUE(`account_id`,`decision_id`)
);
--> statement-breakpoint
CREATE TABLE `track_record_trades` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`account_id` bigint unsigned NOT NULL,
	`side` enum('long','short') NOT NULL,
	`qty` decimal(24,8) NOT NULL,
	`leverage` int NOT NULL,
	`entry_price` decimal(24,8) NOT NULL,
	`exit_price` decimal(24,8) NOT NULL,
	`opened_at` datetime(3) NOT NULL,
	`closed_at` datetime(3) NOT NULL,
	`exit_reason` varchar(16) NOT NULL,
	`pnl` decimal(24,8) NOT NULL,
	`fees` decimal(24,8) NOT NULL,
	CONSTRAINT `track_record_trades_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `backtest_runs` ADD CONSTRAINT `backtest_runs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `track_record_equity` ADD CONSTRAINT `track_record_equity_account_id_track_record_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `track_record_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `track_record_outcomes` ADD CONSTRAINT `track_record_outcomes_account_id_track_record_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `track_record_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `track_record_outcomes` ADD CONSTRAINT `track_record_outcomes_decision_id_decisions_id_fk` FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `track_record_trades` ADD CONSTRAINT `track_record_trades_account_id_track_record_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `track_record_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `backtest_runs_user_created_idx` ON `backtest_runs` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `track_record_trades_account_idx` ON `track_record_trades` (`account_id`,`closed_at`);