/**
 * JSON values as the protocol compares them (docs/sync-protocol.md, "Records" and clarification
 * 3): absent and `null` are the same, arrays compare by order and content, objects by keys and
 * content with `null` members left out. The client and the server (api/src/sync/merge.ts)
 * share this one definition: otherwise a client would see conflicts the server does not, or
 * miss ones it does.
 */
import type { Json } from "./protocol";

/** A record's fields, or a mutation's: field name → value (`null` clears the field). */
export type Fields = Record<string, Json>;

/** Whether two values are the same by the protocol's rules. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return (
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      x.every((v, i) => sameJson(v, y[i]))
    );
  }
  const keys = Object.keys(x).filter((k) => x[k] !== null);
  const otherKeys = Object.keys(y).filter((k) => y[k] !== null);
  return keys.length === otherKeys.length && keys.every((k) => sameJson(x[k], y[k]));
}

/** `fields` with every field applied from `changes`; a `null` change removes the field. */
export function applyFields(fields: Fields, changes: Fields): Fields {
  const next = { ...fields };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next;
}

/** `fields` without its `null` members (absent and `null` are the same thing). */
export function withoutNulls(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
}
