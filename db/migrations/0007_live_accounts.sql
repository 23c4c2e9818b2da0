CREATE TABLE `account_sync` (
	`exchange_account_id` bigint unsigned NOT NULL,
	`synced_at` datetime(3),
	`equity` decimal(24,8),
	`available` decimal(24,8),
	`margin_mode` varchar(16),
	`leverage` int,
	`foreign_open_orders` int NOT NULL DEFAULT 0,
	`trades_cursor` datetime(3),
	`divergence` text,
	`diverged_at` datetime(3),
	`last_error` varchar(255),
	`last_error_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `account_sync_exchange_account_id` PRIMARY KEY(`exchange_account_id`)
);
--> statement-breakpoint
CREATE TABLE `fills` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`exchange_account_id` bigint unsigned NOT NULL,
	`symbol` varchar(32) NOT NULL,
	`trade_id` varchar(64) NOT NULL,
	`exchange_order_id` varchar(64),
	`client_order_id` varchar(64),
	`side` enum('buy','sell') NOT NULL,
	`qty` decimal(24,8) NOT NULL,
	`price` decimal(24,8) NOT NULL,
	`fee` decimal(24,8) NOT NULL DEFAULT 0,
	`fee_currency` varchar(16) NOT NULL DEFAULT 'USDT',
	`realized_pnl` decimal(24,8) NOT NULL DEFAULT 0,
	`liquidity` enum('maker','taker'),
	`reduces` boolean NOT NULL DEFAULT false,
	`exit_kind` enum('stop_loss','take_profit','liquidation','tickpilot','manual'),
	`origin` enum('tickpilot','foreign') NOT NULL DEFAULT 'tickpilot',
	`executed_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `fills_id` PRIMARY KEY(`id`),
	CONSTRAINT `fills_account_trade_uq` UNIQUE(`exchange_account_id`,`trade_id`)
);
--> statement-breakpoint
CREATE TABLE `manual_actions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`exchange_account_id` bigint unsigned,
	`symbol` varchar(32) NOT NULL,
	`kind` enum('close','cancel','flatten') NOT NULL,
	`idempotency_key` varchar(64) NOT NULL,
	`status` enum('queued','done','failed') NOT NULL DEFAULT 'queued',
	`result` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `manual_actions_id` PRIMARY KEY(`id`),
	CONSTRAINT `manual_actions_user_key_uq` UNIQUE(`user_id`,`idempotency_key`)
);
--> statement-breakpoint
ALTER TABLE `orders` MODIFY COLUMN `kind` enum('open','close','flip','none','stop_loss','take_profit','liquidation','manual') NOT NULL DEFAULT 'open';--> statement-breakpoint
ALTER TABLE `orders` MODIFY COLUMN `status` enum('pending','placed','partially_filled','filled','cancelled','rejected','expired','skipped','failed') NOT NULL DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE `positions` MODIFY COLUMN `close_reason` enum('signal','flip','stop_loss','take_profit','liquidation','reset','manual');--> statement-breakpoint
ALTER TABLE `exchange_accounts` ADD `api_passphrase_enc` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `filled_qty` decimal(24,8);--> statement-breakpoint
ALTER TABLE `positions` ADD `origin` enum('tickpilot','foreign') DEFAULT 'tickpilot' NOT NULL;--> statement-breakpoint
ALTER TABLE `account_sync` ADD CONSTRAINT `account_sync_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `fills` ADD CONSTRAINT `fills_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `fills` ADD CONSTRAINT `fills_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `manual_actions` ADD CONSTRAINT `manual_actions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `manual_actions` ADD CONSTRAINT `manual_actions_exchange_account_id_exchange_accounts_id_fk` FOREIGN KEY (`exchange_account_id`) REFERENCES `exchange_accounts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `fills_user_executed_idx` ON `fills` (`user_id`,`executed_at`);--> statement-breakpoint
CREATE INDEX `fills_account_executed_idx` ON `fills` (`exchange_account_id`,`executed_at`);--> statement-breakpoint
-- The ledger starts with the paper exchange's history: every filled paper order becomes its fill (the same row
-- the paper exchange writes from now on), so realised PnL, the trade log and the daily loss keep their past.
INSERT IGNORE INTO `fills` (`user_id`, `exchange_account_id`, `symbol`, `trade_id`, `exchange_order_id`, `client_order_id`, `side`, `qty`, `price`, `fee`, `fee_currency`, `realized_pnl`, `liquidity`, `reduces`, `exit_kind`, `origin`, `executed_at`)
SELECT ea.`user_id`, po.`exchange_account_id`, po.`symbol`, CONCAT('paper-', po.`id`), CAST(po.`id` AS CHAR), po.`client_order_id`, po.`side`, po.`qty`, po.`price`, po.`fee`, 'USDT', po.`realized_pnl`, 'taker', po.`reduce_only`,
  CASE WHEN po.`reason` IN ('stop_loss', 'take_profit', 'liquidation') THEN po.`reason` WHEN po.`reduce_only` THEN 'tickpilot' ELSE NULL END,
  'tickpilot', po.`created_at`
FROM `paper_orders` po JOIN `exchange_accounts` ea ON ea.`id` = po.`exchange_account_id`
WHERE po.`status` = 'filled' AND po.`price` IS NOT NULL;
