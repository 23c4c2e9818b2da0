// Route segment schemas shared by the API: a segment that does not fit is a 404, like a missing thing.
import { z } from "zod";

/** A positive database id written as plain digits (no signs, exponents or leading junk). */
export const idSegment = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)
  .refine((n) => n > 0);

/** `[id]` routes. */
export const idParams = z.object({ id: idSegment });
