// Admin API query parameters shared by the console's list routes.
import { z } from "zod";

/** `?page=` (1..10 000). */
export const pageParam = z.coerce.number().int().min(1).max(10_000).default(1);
