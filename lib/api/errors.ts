// One error type for the whole API: a code that maps to an HTTP status and a message safe to show.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string>; retryAfter?: number };
}

/** An error whose message is meant for the person who made the request. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly extra: { fields?: Record<string, string>; retryAfter?: number } = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** Field → first message, e.g. `{ email: "Enter a valid email address" }`. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "body";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A 400 AppError from a zod failure, its message naming the first bad field. */
export function validationError(error: z.ZodError): AppError {
  const fields = zodFieldErrors(error);
  const [first] = Object.entries(fields);
  const message = first ? (first[0] === "body" ? first[1] : `${first[0]}: ${first[1]}`) : "Invalid input";
  return new AppError("bad_request", message, { fields });
}
