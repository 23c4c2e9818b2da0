// Barrel: every table, by domain.
export * from "./users";
export * from "./exchange";
export * from "./trading";
export * from "./billing";
export * from "./system";
export * from "./backtest";
