/**
 * Conflict rules (BCM's Conflict Resolution tab). The server never decides a conflict: it keeps
 * its own value and tells the client, whose rule settles it here. What "mine wins" sends back
 * follows the protocol: the same change again, based on the value it lost to.
 */
import type { Json } from "../shared/protocol";
import type { Fields } from "../shared/json";
import type { ConflictRule } from "./settings";
import type { ConflictItem } from "./state";
import type { DraftMutation } from "./outbox";

/** What settles one conflict: my value goes back to the server, theirs stays, or the user says. */
export type Decision = "mine" | "theirs" | "ask";

/**
 * The rule's decision for `conflict`. "Newest wins" compares the instants of my change (`at`)
 * and of theirs (`theirsAt`); a tie keeps theirs (it is already shared), and an unknown
 * `theirsAt` counts as older than any change.
 */
export function decide(rule: ConflictRule, conflict: ConflictItem): Decision {
  switch (rule) {
    case "ask":
      return "ask";
    case "mine":
      return "mine";
    case "shared":
      return "theirs";
    case "newest": {
      const mine = Date.parse(conflict.at);
      const theirs =
        conflict.theirsAt === null ? Number.NEGATIVE_INFINITY : Date.parse(conflict.theirsAt);
      return mine > theirs ? "mine" : "theirs";
    }
  }
}

/**
 * The mutations (without mids) that make my side win `conflicts` (one record's, all decided
 * "mine"): field conflicts become one edit based on their values; `"*"` after my delete
 * becomes a delete of the version they made; `"*"` after my edit of a record deleted since
 * brings it back with its fields as I last saw them and my change.
 */
export function mineWins(conflicts: readonly ConflictItem[]): DraftMutation[] {
  const drafts: DraftMutation[] = [];
  const fieldConflicts = conflicts.filter((c) => c.field !== "*");
  const first = conflicts[0];
  if (first === undefined) return drafts;
  const whole = conflicts.find((c) => c.field === "*");
  if (whole) {
    if (whole.op === "delete") {
      if (whole.version !== null && whole.theirs !== null) {
        drafts.push({
          op: "delete",
          type: whole.type,
          id: whole.id,
          baseVersion: whole.version,
          at: whole.at,
        });
      }
      return drafts;
    }
    const mine = isFields(whole.mine) ? whole.mine : {};
    drafts.push({
      op: "upsert",
      type: whole.type,
      id: whole.id,
      baseVersion: null,
      fields: withoutNullValues({ ...(whole.restore ?? {}), ...mine }),
      at: whole.at,
    });
    return drafts;
  }
  if (fieldConflicts.length === 0 || first.version === null) return drafts;
  const base: Fields = {};
  const fields: Fields = {};
  let at = first.at;
  for (const c of fieldConflicts) {
    base[c.field] = c.theirs;
    fields[c.field] = c.mine;
    if (Date.parse(c.at) > Date.parse(at)) at = c.at;
  }
  drafts.push({
    op: "upsert",
    type: first.type,
    id: first.id,
    baseVersion: first.version,
    base,
    fields,
    at,
  });
  return drafts;
}

function isFields(value: Json): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutNullValues(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
}
