// Runs before each browser-test file: the whole suite signs up and logs in from 127.0.0.1, so each file starts with
// the per-IP sign-up and login attempts of a fresh visitor (the limits themselves are tested within one file).
import { afterAll, beforeAll } from "vitest";
import Redis from "ioredis";

let client: Redis | undefined;

beforeAll(async () => {
  client = new Redis(process.env.REDIS_URL!);
  const prefix = process.env.REDIS_PREFIX!;
  for (const pattern of ["ratelimit:signup:ip:*", "ratelimit:login:ip:*"]) {
    const keys = await client.keys(`${prefix}${pattern}`);
    if (keys.length) await client.del(...keys);
  }
});

afterAll(async () => {
  await client?.quit();
});
