CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`name` varchar(100),
	`password_hash` varchar(255) NOT NULL,
	`role` enum('user','admin') NOT NULL DEFAULT 'user',
	`status` enum('active','suspended') NOT NULL DEFAULT 'active',
	`plan` enum('free','pro','elite') NOT NULL DEFAULT 'free',
	`session_version` int NOT NULL DEFAULT 1,
	`stripe_customer_id` varchar(64),
	`last_login_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`),
	CONSTRAINT `users_stripe_customer_uq` UNIQUE(`stripe_customer_id`)
);
--> statement-breakpoint
CREATE TABLE `exchange_accounts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`exchange` varchar(32) NOT NULL,
	`label` varchar(64) NOT NULL,
	`testnet` boolean NOT NULL DEFAULT false,
	`api_key_enc` text,
	`api_secret_enc` text,
	`key_version` int,
	`key_hint` varchar(16),
	`permissions` json,
	`status` enum('active','invalid','disabled') NOT NULL DEFAULT 'active',
	`status_reason` varchar(255),
	`last_validated_at` datetime(3),
	`paper_balance` decimal(24,8),
	`paper_initial_balance` decimal(24,8),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `exchange_accounts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `paper_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`exchange_account_id` bigint unsigned NOT NULL,
	`type` enum('deposit','reset','fee','realized_pnl','liquidation') NOT NULL,
	`amount` decimal(24,8) NOT NULL,
	`balance_after` decimal(24,8) NOT NULL,
	`paper_order_id` bigint unsigned,
	`position_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `paper_ledger_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `paper_orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`exchange_account_id` bigint unsigned NOT NULL,
	`client_order_id` varchar(40) NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`side` enum('buy','sell') NOT NULL,
	`qty` decimal(24,8) NOT NULL,
	`price` decimal(24,8),
	`fee` decimal(24,8) NOT NULL DEFAULT 0,
	`realized_pnl` decimal(24,8) NOT NULL DEFAULT 0,
	`reduce_only` boolean NOT NULL DEFAULT false,
	`leverage` int,
	`stop_loss` decimal(24,8),
	`take_profit` decimal(24,8),
	`status` enum('filled','rejected','cancelled') NOT NULL,
	`reason` varchar(255),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `paper_orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `paper_orders_client_uq` UNIQUE(`exchange_account_id`,`client_order_id`)
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`tick_time` datetime(3) NOT NULL,
	`group_key` varchar(64) NOT NULL,
	`risk_level` enum('low','medium','high') NOT NULL,
	`prompt_hash` varchar(64),
	`provider` varchar(32) NOT NULL,
	`model` varchar(64) NOT NULL,
	`action` enum('buy','sell','close','hold') NOT NULL,
	`confidence` double NOT NULL DEFAULT 0,
	`leverage` int NOT NULL DEFAULT 1,
	`stop_loss` double,
	`take_profit` double,
	`reason` text NOT NULL,
	`price` decimal(24,8),
	`status` enum('ok','invalid','failed','skipped') NOT NULL,
	`error` text,
	`prompt` mediumtext,
	`raw_response` mediumtext,
	`prompt_tokens` int NOT NULL DEFAULT 0,
	`completion_tokens` int NOT NULL DEFAULT 0,
	`cost_usd` decimal(12,6) NOT NULL DEFAULT 0,
	`latency_ms` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `decisions_id` PRIMARY KEY(`id`),
	CONSTRAINT `decisions_symbol_tick_group_uq` UNIQUE(`symbol`,`tick_time`,`group_key`)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`decision_id` bigint unsigned,
	`exchange_account_id` bigint unsigned,
	`symbol` varchar(32) NOT NULL,
	`client_order_id` varchar(40) NOT NULL,
	`kind` enum('open','close','flip','none','stop_loss','take_profit','liquidation') NOT NULL DEFAULT 'open',
	`side` enum('buy','sell'),
	`qty` decimal(24,8),
	`price` decimal(24,8),
	`leverage` int,
	`stop_loss` decimal(24,8),
	`take_profit` decimal(24,8),
	`status` enum('pending','placed','filled','skipped','failed') NOT NULL DEFAULT 'pending',
	`reason` varchar(500),
	`exchange_order_id` varchar(64),
	`fee` decimal(24,8) NOT NULL DEFAULT 0,
	`realized_pnl` decimal(24,8) NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_decision_user_uq` UNIQUE(`decision_id`,`user_id`),
	CONSTRAINT `orders_client_order_uq` UNIQUE(`client_order_id`)
);
--> statement-breakpoint
CREATE TABLE `positions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`exchange_account_id` bigint unsigned NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`side` enum('long','short') NOT NULL,
	`qty` decimal(24,8) NOT NULL,
	`entry_price` decimal(24,8) NOT NULL,
	`leverage` int NOT NULL,
	`margin` decimal(24,8) NOT NULL,
	`stop_loss` decimal(24,8),
	`take_profit` decimal(24,8),
	`liquidation_price` decimal(24,8),
	`status` enum('open','closed') NOT NULL DEFAULT 'open',
	`open_key` varchar(64),
	`fees` decimal(24,8) NOT NULL DEFAULT 0,
	`realized_pnl` decimal(24,8) NOT NULL DEFAULT 0,
	`close_price` decimal(24,8),
	`close_reason` enum('signal','flip','stop_loss','take_profit','liquidation','reset'),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`closed_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `positions_id` PRIMARY KEY(`id`),
	CONSTRAINT `positions_open_uq` UNIQUE(`open_key`)
);
--> statement-breakpoint
CREATE TABLE `trading_settings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`symbol` varchar(32) NOT NULL DEFAULT 'BTCUSDT',
	`auto_trade` boolean NOT NULL DEFAULT false,
	`exchange_account_id` bigint unsigned,
	`risk_level` enum('low','medium','high') NOT NULL DEFAULT 'medium',
	`max_leverage` int NOT NULL DEFAULT 3,
	`min_confidence` decimal(4,3) NOT NULL DEFAULT 0.6,
	`custom_prompt` text,
	`daily_loss_limit` decimal(24,8),
	`kill_switch` boolean NOT NULL DEFAULT false,
	`paused_reason` varchar(255),
	`paused_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `trading_settings_id` PRIMARY KEY(`id`),
	CONSTRAINT `trading_settings_user_symbol_uq` UNIQUE(`user_id`,`symbol`)
);
--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`event_id` varchar(255) NOT NULL,
	`type` varchar(100) NOT NULL,
	`status` enum('received','processed','failed','ignored') NOT NULL DEFAULT 'received',
	`error` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`processed_at` datetime(3),
	CONSTRAINT `stripe_events_id` PRIMARY KEY(`id`),
	CONSTRAINT `stripe_events_event_uq` UNIQUE(`event_id`)
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`stripe_customer_id` varchar(64) NOT NULL,
	`stripe_subscription_id` varchar(64) NOT NULL,
	`stripe_price_id` varchar(64),
	`plan` enum('free','pro','elite') NOT NULL,
	`status` enum('trialing','active','past_due','canceled','unpaid','incomplete','incomplete_expired','paused') NOT NULL,
	`current_period_end` datetime(3),
	`cancel_at_period_end` boolean NOT NULL DEFAULT false,
	`canceled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `subscriptions_id` PRIMARY KEY(`id`),
	CONSTRAINT `subscriptions_stripe_sub_uq` UNIQUE(`stripe_subscription_id`)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_id` bigint unsigned,
	`target_user_id` bigint unsigned,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32),
	`target_id` varchar(64),
	`metadata` json,
	`ip` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `system_settings` (
	`key` varchar(64) NOT NULL,
	`value` json NOT NULL,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `system_settings_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
ALTER TABLE `exchange_accounts` ADD CONSTRAINT `exchange_accounts_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `paper_ledger` ADD CONSTRAINT `paper_ledger_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `paper_orders` ADD CONSTRAINT `paper_orders_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_decision_id_decisions_id_fk` FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `positions` ADD CONSTRAINT `positions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `positions` ADD CONSTRAINT `positions_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `trading_settings` ADD CONSTRAINT `trading_settings_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `trading_settings` ADD CONSTRAINT `trading_settings_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `audit_log` ADD CONSTRAINT `audit_log_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `audit_log` ADD CONSTRAINT `audit_log_target_user_id_users_id_fk` FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `system_settings` ADD CONSTRAINT `system_settings_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `exchange_accounts_user_idx` ON `exchange_accounts` (`user_id`);--> statement-breakpoint
CREATE INDEX `exchange_accounts_key_version_idx` ON `exchange_accounts` (`key_version`);--> statement-breakpoint
CREATE INDEX `paper_ledger_account_idx` ON `paper_ledger` (`exchange_account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `decisions_symbol_created_idx` ON `decisions` (`symbol`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_user_created_idx` ON `orders` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `positions_account_symbol_idx` ON `positions` (`exchange_account_id`,`symbol`,`status`);--> statement-breakpoint
CREATE INDEX `positions_user_idx` ON `positions` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `trading_settings_auto_idx` ON `trading_settings` (`symbol`,`auto_trade`);--> statement-breakpoint
CREATE INDEX `subscriptions_user_idx` ON `subscriptions` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`created_at`);