/**
 * What merging two duplicate contacts writes, decided before anything is written (pure: the
 * panel shows the choices, the unit tests check the plan). The first contact of the pair (`a`)
 * is kept with the values the user chose field by field; everything that named the second
 * (`b`) names the kept one instead: history items' `contactIds`, groups' `memberIds` (and the
 * kept contact's `groupIds`, so membership stays written on both sides as the Groups tab writes
 * it), other contacts' `notDuplicateOf`. Then `b` is deleted.
 *
 * The plan is engine edits (one `applyAll` batch: into the offline copy and the outbox at once,
 * so a merge works offline and syncs like any change), and the batch that undoes it: `b` made
 * again under its id with its fields, and every record changed given back the values it had.
 * Each change is based on the version the copy holds, so a colleague's edit made meanwhile
 * comes back as a conflict for the inbox (a delete of a contact changed since is a `"*"`
 * conflict), never overwritten.
 */
import type { Fields } from "../../shared/json";
import { sameJson } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import type { FieldKind } from "../../shared/records";
import { FIELDS, fieldsOf } from "../../shared/records";
import type { LocalEdit } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { texts } from "../contacts/contact-view";
import { unionList } from "../import/plan";

/** Which contact's value the kept contact takes, or both combined (lists, user fields, refusals). */
export type Side = "a" | "b" | "both";

/** A field whose values differ, and what the user may choose for it. */
export interface FieldChoice {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly a: Json | undefined;
  readonly b: Json | undefined;
  readonly options: readonly Side[];
  /** What is chosen until the user says otherwise: the value there is, combined when both are. */
  readonly initial: Side;
}

/** Kept by the merge itself, never offered: links to other records and the import's mark. */
const AUTOMATIC: ReadonlySet<FieldKind> = new Set(["ids", "import"]);

/** Kinds whose two values can be combined into one. */
const COMBINED: ReadonlySet<FieldKind> = new Set([
  "emails",
  "phones",
  "addresses",
  "websites",
  "categories",
  "custom",
  "refusals",
]);

function isEmpty(value: Json | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => v === null || v === false))
  );
}

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const object = (v: Json | undefined): Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? v : {};

/** The fields the two contacts hold differently, in the field table's order. */
export function fieldChoices(a: ViewRecord, b: ViewRecord): FieldChoice[] {
  return fieldsOf("contact").flatMap(([name, spec]): FieldChoice[] => {
    const [va, vb] = [a.fields[name], b.fields[name]];
    if (AUTOMATIC.has(spec.kind) || sameJson(va, vb) || (isEmpty(va) && isEmpty(vb))) return [];
    const both = COMBINED.has(spec.kind) && !isEmpty(va) && !isEmpty(vb);
    return [
      {
        name,
        label: spec.label,
        kind: spec.kind,
        a: va,
        b: vb,
        options: both ? ["a", "b", "both"] : ["a", "b"],
        initial: both ? "both" : isEmpty(va) ? "b" : "a",
      },
    ];
  });
}

/**
 * A field's value after the merge. Combined lists keep the kept contact's items first, then the
 * other's that do not repeat them (an address or number written alike), within the field's
 * limit and with one primary address at most; user-defined fields combine name by name (the
 * kept contact's value where both have one); a refusal of either contact stays.
 */
export function mergedValue(choice: FieldChoice, side: Side): Json | undefined {
  if (side === "a") return choice.a;
  if (side === "b") return choice.b;
  if (choice.kind === "custom") return { ...object(choice.b), ...object(choice.a) };
  if (choice.kind === "refusals") {
    const [a, b] = [object(choice.a), object(choice.b)];
    return Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [
        k,
        a[k] === true || b[k] === true ? true : (a[k] ?? b[k] ?? null),
      ]),
    );
  }
  return unionList(choice.name, list(choice.a), list(choice.b));
}

/** `ids` without `removed`, with `kept` in its place unless already there. */
function relinked(ids: readonly string[], removed: string, kept: string): string[] {
  const next = ids.map((id) => (id === removed ? kept : id));
  return next.filter((id, i) => next.indexOf(id) === i);
}

/** The ids of both lists, each once, in order, within `max`. */
function union(max: number, ...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].slice(0, max);
}

/** Sets a list field, or leaves it out when empty (a record's fields hold no `null`). */
function setList(fields: Fields, name: string, ids: string[]): void {
  if (ids.length > 0) fields[name] = ids;
  else delete fields[name];
}

/** The records that may name the contact a merge removes. */
export interface Related {
  readonly history: readonly ViewRecord[];
  readonly groups: readonly ViewRecord[];
  readonly contacts: readonly ViewRecord[];
}

export interface MergePlan {
  /** The kept contact's fields after the merge. */
  readonly merged: Fields;
  /** The merge, as one batch of engine edits: the removal last. */
  readonly edits: readonly LocalEdit[];
  /** The batch that undoes it. */
  readonly undo: readonly LocalEdit[];
  /** How many history items and groups now name the kept contact instead. */
  readonly moved: { readonly history: number; readonly groups: number };
}

/**
 * The merge of `b` into `a` with the user's `sides` (a field left out takes its choice's
 * `initial`). `related` is every history item, group and contact of the copy.
 */
export function mergePlan(
  pair: { readonly a: ViewRecord; readonly b: ViewRecord },
  sides: Readonly<Record<string, Side>>,
  related: Related,
): MergePlan {
  const { a, b } = pair;
  const merged: Fields = { ...a.fields };
  for (const choice of fieldChoices(a, b)) {
    const value = mergedValue(choice, sides[choice.name] ?? choice.initial);
    if (isEmpty(value)) delete merged[choice.name];
    else merged[choice.name] = value as Json;
  }
  const groupsOfB = related.groups.filter((g) => texts(g.fields.memberIds).includes(b.id));
  const groupIds = union(
    FIELDS.contact.groupIds.max,
    texts(a.fields.groupIds),
    texts(b.fields.groupIds),
    groupsOfB.map((g) => g.id),
  );
  setList(merged, "groupIds", groupIds);
  const distinct = union(
    FIELDS.contact.notDuplicateOf.max,
    texts(a.fields.notDuplicateOf),
    texts(b.fields.notDuplicateOf),
  ).filter((id) => id !== a.id && id !== b.id);
  setList(merged, "notDuplicateOf", distinct);

  const edits: LocalEdit[] = [];
  const undo: LocalEdit[] = [{ op: "create", type: "contact", id: b.id, fields: { ...b.fields } }];
  const changes: Fields = {};
  const previous: Fields = {};
  for (const name of new Set([...Object.keys(a.fields), ...Object.keys(merged)])) {
    if (sameJson(a.fields[name], merged[name])) continue;
    changes[name] = merged[name] ?? null;
    previous[name] = a.fields[name] ?? null;
  }
  if (Object.keys(changes).length > 0) {
    edits.push({ op: "update", type: "contact", id: a.id, changes });
    undo.push({ op: "update", type: "contact", id: a.id, changes: previous });
  }

  /** Points a list field of each record that names `b` at `a`. */
  const relink = (records: readonly ViewRecord[], field: string): number => {
    let count = 0;
    for (const record of records) {
      if (record.id === a.id || record.id === b.id) continue;
      const ids = texts(record.fields[field]);
      if (!ids.includes(b.id)) continue;
      edits.push({
        op: "update",
        type: record.type,
        id: record.id,
        changes: { [field]: relinked(ids, b.id, a.id) },
      });
      undo.push({ op: "update", type: record.type, id: record.id, changes: { [field]: ids } });
      count++;
    }
    return count;
  };
  const history = relink(related.history, "contactIds");
  const groups = relink(groupsOfB, "memberIds");
  relink(related.contacts, "notDuplicateOf");
  edits.push({ op: "remove", type: "contact", id: b.id });
  return { merged, edits, undo, moved: { history, groups } };
}
