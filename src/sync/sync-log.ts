/**
 * The sync log, as ACT! keeps one: the last syncs and connection changes of one offline copy,
 * with their time, what was sent and received, conflicts settled and by which rule, changes
 * refused and why, and each fault met, in plain words. Kept in the copy (`log:<time>-<tag>`,
 * one key per entry, the oldest dropped beyond `MAX_LOG_ENTRIES`), written without raising the
 * copy's revision (other panes need not reload the copy for it), exportable for support.
 */
import { z } from "zod/mini";
import { RecordType } from "../shared/protocol";
import { CopyOwnerError } from "./owner";
import { CopyVersionError } from "./migrations";
import { LOG_PREFIX } from "./keys";
import type { Settled } from "./push";
import type { StoreWrite } from "./store";
import { StoreError, isQuotaExceeded } from "./store";
import { ApiError, NetworkError } from "./transport";

/** The log keeps this many entries. */
export const MAX_LOG_ENTRIES = 500;
/** A sync's entry names at most this many conflicts and refused changes (and counts the rest). */
export const MAX_LISTED = 50;

const Ref = { type: RecordType, id: z.string() };

/** A kind of fault, for the words the log uses and for support. */
export const FaultKind = z.enum([
  "offline",
  "throttled",
  "unavailable",
  "quota",
  "storage",
  "signed-out",
  "forbidden",
  "revoked",
  "outdated",
  "refused",
  "error",
]);
export type FaultKind = z.infer<typeof FaultKind>;

export const SyncLogEntry = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("sync"),
    at: z.string(),
    /** Changes sent that the server answered. */
    sent: z.int(),
    /** Records and removals received. */
    received: z.int(),
    /** Whether the copy was downloaded again (a 410, or records set aside). */
    restarted: z.boolean(),
    conflicts: z.array(
      z.object({
        ...Ref,
        field: z.string(),
        decision: z.enum(["mine", "theirs", "ask", "superseded"]),
        by: z.enum(["rule", "user"]),
        rule: z.string(),
      }),
    ),
    refused: z.array(z.object({ ...Ref, code: z.string(), message: z.string() })),
    /** Conflicts and refusals beyond the ones listed. */
    more: z.int(),
  }),
  z.object({ kind: z.literal("fault"), at: z.string(), fault: FaultKind, message: z.string() }),
  z.object({
    kind: z.literal("connection"),
    at: z.string(),
    state: z.enum(["online", "offline", "work-offline"]),
  }),
  z.object({
    kind: z.literal("quarantine"),
    at: z.string(),
    keys: z.array(z.string()),
  }),
]);
export type SyncLogEntry = z.infer<typeof SyncLogEntry>;

/** The file "Export" saves, for a support request. */
export interface SyncLogExport {
  readonly format: "bcm-sync-log";
  readonly version: 1;
  readonly databaseId: string;
  readonly clientId: string;
  readonly exportedAt: string;
  readonly entries: readonly SyncLogEntry[];
}

/** The entry of a sync that succeeded. */
export function syncEntry(
  at: string,
  summary: { sent: number; received: number; restarted: boolean },
  settled: readonly Settled[],
  refused: ReadonlyArray<{ type: RecordType; id: string; code: string; message: string }>,
): SyncLogEntry {
  const conflicts = settled.map(({ conflict: c, decision, by, rule }) => ({
    type: c.type,
    id: c.id,
    field: c.field,
    decision,
    by,
    rule,
  }));
  return {
    kind: "sync",
    at,
    ...summary,
    conflicts: conflicts.slice(0, MAX_LISTED),
    refused: refused.slice(0, MAX_LISTED),
    more: Math.max(0, conflicts.length - MAX_LISTED) + Math.max(0, refused.length - MAX_LISTED),
  };
}

/** The entry of a sync that failed: which fault, in plain words. */
export function faultEntry(at: string, error: unknown): SyncLogEntry {
  const fault = faultOf(error);
  return { kind: "fault", at, fault, message: FAULT_WORDS[fault] };
}

/** What kind of fault `error` is. */
export function faultOf(error: unknown): FaultKind {
  if (error instanceof NetworkError) return "offline";
  if (error instanceof ApiError) {
    if (error.status === 429 || error.code === "busy") return "throttled";
    if (error.status >= 500) return "unavailable"; // 502–504, or the server failed (500)
    if (error.status === 401) return "signed-out";
    if (error.status === 403) return "forbidden";
    if (error.status === 404) return "revoked";
    return "refused";
  }
  if (isQuotaExceeded(error)) return "quota";
  if (error instanceof StoreError || error instanceof CopyOwnerError) return "storage";
  if (error instanceof CopyVersionError) return "outdated";
  return "error";
}

const FAULT_WORDS: Record<FaultKind, string> = {
  offline:
    "The shared database could not be reached (no network, or it did not answer). Your changes are kept and will be sent later.",
  throttled:
    "The shared database was busy and asked to wait. The sync will be tried again; nothing was lost.",
  unavailable:
    "The shared database is not available at the moment. Your changes are kept and will be sent later.",
  quota:
    "This computer's storage for Outlook is full: the offline copy could not be written. Free some space; your saved changes are kept.",
  storage: "The offline copy on this computer could not be read or written.",
  "signed-out": "You were signed out. Sign in again to sync.",
  forbidden: "The shared database refused the sync: you may not make changes.",
  revoked: "You no longer have access to this database.",
  outdated: "A newer version of the add-in changed the offline copy. Reload the pane to go on.",
  refused: "The shared database refused the sync.",
  error: "The sync failed because of an unexpected error.",
};

/** The entry in plain words, for the pane's list. */
export function describeLogEntry(entry: SyncLogEntry): string {
  switch (entry.kind) {
    case "sync": {
      const parts = [
        `Synchronized: ${count(entry.sent, "change")} sent, ${count(entry.received, "change")} received`,
      ];
      if (entry.restarted) parts.push("the offline copy was downloaded again");
      const byRule = entry.conflicts.filter((c) => c.by === "rule" && c.decision !== "superseded");
      if (byRule.length > 0) {
        parts.push(
          `${count(byRule.length, "conflict")} settled by the rule "${RULE_WORDS[byRule[0]!.rule] ?? byRule[0]!.rule}"`,
        );
      }
      if (entry.refused.length > 0) {
        const reasons = entry.refused.map((r) => r.message).slice(0, 3);
        parts.push(`${count(entry.refused.length, "change")} refused (${reasons.join("; ")})`);
      }
      return `${parts.join("; ")}.`;
    }
    case "fault":
      return entry.message;
    case "connection":
      return entry.state === "online"
        ? "The shared database can be reached again."
        : entry.state === "offline"
          ? "The shared database cannot be reached: working with the offline copy."
          : "Working offline, as chosen.";
    case "quarantine":
      return `${count(entry.keys.length, "entry", "entries")} of the offline copy could not be read and ${entry.keys.length === 1 ? "was" : "were"} set aside.`;
  }
}

const RULE_WORDS: Record<string, string> = {
  mine: "my change wins",
  shared: "the shared database wins",
  newest: "the newest change wins",
  ask: "ask me",
};

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The writes that add `entry` (its key sorts by time) and drop the oldest beyond the bound,
 * given the log keys held now.
 */
export function logWrites(entry: SyncLogEntry, held: readonly string[], tag: string): StoreWrite[] {
  const key = `${LOG_PREFIX}${String(Date.parse(entry.at)).padStart(13, "0")}-${tag}`;
  const keys = [...held.filter((k) => k.startsWith(LOG_PREFIX)), key].sort();
  const excess = keys.slice(0, Math.max(0, keys.length - MAX_LOG_ENTRIES));
  return [
    { op: "set", key, value: entry },
    ...excess.filter((k) => k !== key).map((k): StoreWrite => ({ op: "delete", key: k })),
  ];
}

/** The entries stored, oldest first; an unreadable one is left out. */
export function readLog(entries: ReadonlyArray<[string, unknown]>): SyncLogEntry[] {
  return entries.flatMap(([, value]) => {
    const parsed = SyncLogEntry.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}
