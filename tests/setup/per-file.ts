// Runs before each test file: point lib/env at this run's database and Redis prefix.
import { inject } from "vitest";

Object.assign(process.env, inject("testEnv"));
