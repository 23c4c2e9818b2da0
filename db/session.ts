// What every MySQL connection Tickpilot opens sets first. The sql_mode is pinned rather than inherited from the
// server: the multi-row writer (lib/batch/bulk-sql.ts) escapes with backslashes, which a server running with
// NO_BACKSLASH_ESCAPES would read as plain characters (`\'` would end the string: an injection). Strict mode makes
// a bad value an error instead of a silent 0. Works on MariaDB 10.11 and MySQL 8.

/** The session's sql_mode: strict, no zero dates, and backslash escapes on. */
export const SQL_MODE =
  "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

/** Run on each new connection: UTC like the dates mysql2 writes, and the pinned sql_mode. */
export const SESSION_SETUP_SQL = `SET time_zone = '+00:00', sql_mode = '${SQL_MODE}'`;
