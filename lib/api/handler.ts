import "server-only";
// Route-handler plumbing used by the route wrapper (lib/api/route.ts): JSON body parsing with a size cap, zod
// validation, and the one AppError → HTTP response map.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getLogger } from "@/lib/log";
import { AppError, validationError, type ErrorBody } from "./errors";
import { JSON_TYPE, JSON_TYPE_MESSAGE } from "./request-guards";

const log = getLogger("api");

/** Turn any thrown value into a JSON error response; unknown errors become a generic 500 and a log line. */
export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.extra.retryAfter !== undefined) headers["Retry-After"] = String(err.extra.retryAfter);
    return NextResponse.json(err.toBody(), { status: err.status, headers });
  }
  if (err instanceof z.ZodError) return errorResponse(validationError(err));
  log.error({ err }, "unhandled error in route handler");
  return NextResponse.json(
    {
      error: { code: "internal", message: "Something went wrong on our side. Please try again." },
    } as ErrorBody,
    { status: 500 },
  );
}

/** Read a JSON body of at most `maxBytes` and validate it; bad input throws a 4xx AppError. */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = 16_384,
): Promise<z.infer<S>> {
  const text = await req.text();
  // A body whose type the headers never declared (a transport without Content-Length) is refused here too.
  if (text.length > 0 && !JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", JSON_TYPE_MESSAGE);
  }
  if (Buffer.byteLength(text) > maxBytes) {
    throw new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  }
  let data: unknown;
  try {
    data = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body must be valid JSON");
  }
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Validate URL query parameters against a schema (missing parameters are undefined). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
