// Barrel: every table, by domain.
export * from "./users";
export * from "./exchange";
export * from "./trading";
export * from "./ledger";
export * from "./billing";
export * from "./system";
export * from "./auth";
export * from "./mail";
export * from "./backtest";
export * from "./signals";
export * from "./notify";
