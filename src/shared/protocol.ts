/**
 * Sync protocol v1: the wire contract between the add-in and the shared database
 * (docs/sync-protocol.md). One zod schema per message; the API validates requests with them,
 * the add-in validates responses with them, and every wire type is inferred from them.
 */
import { z } from "zod";

export const PROTOCOL_VERSION = 1;

/** Client-made record and database ids: 1–64 characters of `[A-Za-z0-9_-]`. */
export const Id = z
  .string()
  .min(1, "must be 1 to 64 characters")
  .max(64, "must be 1 to 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, '_' and '-'");

export const Email = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an e-mail address"))
  .transform((s) => s.toLowerCase());

export const RecordType = z.enum(["contact", "company", "group", "history"]);
export type RecordType = z.infer<typeof RecordType>;

export const Role = z.enum(["owner", "editor", "reader"]);
export type Role = z.infer<typeof Role>;

/** `{"error": {"code", "message", "field"?}}`: the body of every response that is not 2xx. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  protocol: z.literal(PROTOCOL_VERSION),
  storage: z.enum(["ok", "unreachable"]),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const DevTokenRequest = z.object({ email: Email });
export const DevTokenResponse = z.object({ token: z.string() });

export const DatabaseName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

export const DatabaseSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  syncSet: z.string().nullable(),
});
export type DatabaseSummary = z.infer<typeof DatabaseSummary>;

export const MeResponse = z.object({
  email: z.string(),
  databases: z.array(DatabaseSummary),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateDatabaseRequest = z.object({ name: DatabaseName });
export const CreateDatabaseResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.literal("owner"),
});

/** Field values are plain JSON; each record type documents and validates its own fields. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

export const WireRecord = z.object({
  type: RecordType,
  id: Id,
  version: z.number().int().positive(),
  deleted: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  fields: z.record(z.string(), JsonValue),
});
export type WireRecord = z.infer<typeof WireRecord>;

export const PullRequest = z.object({
  cursor: z.string().min(1).max(200).nullable(),
  limit: z.number().int().min(1).max(1000).default(1000),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  records: z.array(WireRecord),
  removed: z.array(z.object({ type: RecordType, id: Id })),
  cursor: z.string(),
  more: z.boolean(),
  epoch: z.string(),
});
export type PullResponse = z.infer<typeof PullResponse>;
