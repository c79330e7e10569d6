/**
 * What an import writes, decided before anything is written (pure: the preview shows it, the
 * writer carries it out, the unit tests check it). Incoming contacts are matched against the
 * offline copy: an existing contact with the same e-mail address (trimmed, lower-cased) or the
 * same name and company is a duplicate, and one choice applies to all of them (skip, fill empty
 * fields only, update, or add anyway). Companies are matched by name (`companyKey`, case and
 * spacing ignored) or made; groups likewise by name, membership written on both sides (the
 * contact's `groupIds`, the group's `memberIds`: see groups/group-members.ts).
 *
 * Every record the import makes carries its mark (`importId`) and is made by exactly one create,
 * never edited by the import afterwards, so that Undo import can tell "nobody edited it since"
 * from its version (see {@link undoPlan}).
 */
import type { ImportedCompany, ImportedContact } from "../../import";
import { companyKey } from "../../import/companies";
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import { sameJson } from "../../shared/json";
import { FIELDS } from "../../shared/records";
import type { LocalEdit } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";

/** What to do with an incoming contact that matches an existing one. */
export type DuplicateChoice = "skip" | "fill" | "update" | "add";

/** The offline copy's records the import matches against. */
export interface ExistingRecords {
  readonly contacts: readonly ViewRecord[];
  readonly companies: readonly ViewRecord[];
  readonly groups: readonly ViewRecord[];
}

/** An incoming contact that matches an existing one, and by what. */
export interface Duplicate {
  /** The incoming contact's index in the file's contacts. */
  readonly index: number;
  readonly match: ViewRecord;
  readonly by: "email" | "name";
}

const str = (v: Json | undefined): string => (typeof v === "string" ? v : "");
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** An e-mail address as duplicates are matched: trimmed, lower-cased. */
export function emailKey(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * A person's name as duplicates are matched: first and last name, else the display name;
 * Unicode-normalized, spaces collapsed, lower-cased. Empty when the contact has no name.
 */
export function nameKey(fields: Readonly<Fields>): string {
  const parts = `${str(fields.givenName)} ${str(fields.familyName)}`;
  const name = parts.trim() === "" ? str(fields.displayName) : parts;
  return companyKey(name);
}

/** A contact's e-mail addresses as duplicates are matched ({@link emailKey}). */
export function emailKeys(fields: Readonly<Fields>): string[] {
  return list(fields.emails).flatMap((e) =>
    e !== null && typeof e === "object" && !Array.isArray(e) && typeof e.address === "string"
      ? [emailKey(e.address)]
      : [],
  );
}

/**
 * The incoming contacts that match an existing contact: first by any e-mail address, else by
 * name and company (both sides without a company match by name alone). The first existing
 * contact found wins.
 */
export function findDuplicates(
  incoming: readonly ImportedContact[],
  existing: Pick<ExistingRecords, "contacts" | "companies">,
): Duplicate[] {
  const companyNames = new Map(
    existing.companies.map((c) => [c.id, companyKey(str(c.fields.name))]),
  );
  const byEmail = new Map<string, ViewRecord>();
  const byName = new Map<string, ViewRecord>();
  for (const contact of existing.contacts) {
    for (const address of emailKeys(contact.fields)) {
      if (!byEmail.has(address)) byEmail.set(address, contact);
    }
    const name = nameKey(contact.fields);
    if (name === "") continue;
    const key = `${name}\n${companyNames.get(str(contact.fields.companyId)) ?? ""}`;
    if (!byName.has(key)) byName.set(key, contact);
  }
  const found: Duplicate[] = [];
  incoming.forEach((contact, index) => {
    const fields = contact.fields as Fields;
    for (const address of emailKeys(fields)) {
      const match = byEmail.get(address);
      if (match) {
        found.push({ index, match, by: "email" });
        return;
      }
    }
    const name = nameKey(fields);
    if (name === "") return;
    const match = byName.get(`${name}\n${companyKey(contact.companyName ?? "")}`);
    if (match) found.push({ index, match, by: "name" });
  });
  return found;
}

function isEmpty(value: Json | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}

/** The key two items of a list share when they say the same thing. */
function itemKey(field: string, item: Json): string {
  if (field === "groupIds") return str(item);
  if (item !== null && typeof item === "object" && !Array.isArray(item)) {
    if (field === "emails") return emailKey(str(item.address));
    if (field === "phones") return str(item.number).replace(/[^0-9A-Za-z]/g, "");
  }
  if (typeof item === "string") return item.trim().toLowerCase();
  return JSON.stringify(item);
}

/** The limit of a contact list field, from the field table. */
function maxOf(field: string): number {
  const spec = (FIELDS.contact as Record<string, { max?: number }>)[field];
  return spec?.max ?? Infinity;
}

/**
 * Two lists as one: the first one's items, then the second one's that it does not say already,
 * cut to the field's limit. At most one e-mail address stays primary (the first one).
 */
export function unionList(field: string, first: Json[], second: Json[]): Json[] {
  const seen = new Set(first.map((i) => itemKey(field, i)));
  const merged = [...first, ...second.filter((i) => !seen.has(itemKey(field, i)))].slice(
    0,
    maxOf(field),
  );
  if (field !== "emails") return merged;
  let primary = false;
  return merged.map((e) => {
    if (e === null || typeof e !== "object" || Array.isArray(e) || e.primary !== true) return e;
    if (!primary) {
      primary = true;
      return e;
    }
    const { primary: _, ...rest } = e;
    return rest;
  });
}

/**
 * The changes that merge an incoming contact's fields into an existing contact's. "fill" sets
 * only the fields the existing contact leaves empty (and user-defined fields it does not have);
 * "update" lets the file's values win: a text field takes the file's value, a list keeps the
 * file's items first and the existing ones it does not repeat, user-defined fields are merged
 * name by name. Fields the file leaves empty never clear anything.
 */
export function mergeChanges(
  existing: Readonly<Fields>,
  incoming: Readonly<Fields>,
  choice: "fill" | "update",
): Fields {
  const changes: Fields = {};
  for (const [field, value] of Object.entries(incoming)) {
    if (isEmpty(value)) continue;
    const current = existing[field];
    let next: Json;
    if (isEmpty(current)) next = value;
    else if (choice === "fill") {
      if (field !== "custom") continue;
      next = { ...(value as Record<string, Json>), ...(current as Record<string, Json>) };
    } else if (field === "custom") {
      next = { ...(current as Record<string, Json>), ...(value as Record<string, Json>) };
    } else if (Array.isArray(value)) {
      next = unionList(field, value, list(current));
    } else next = value;
    if (!sameJson(current, next)) changes[field] = next;
  }
  return changes;
}

/** A group the import writes to: found by name, or new. */
export interface PlannedGroup {
  readonly id: string;
  readonly name: string;
  /** The existing group, or null when the import makes it. */
  readonly existing: ViewRecord | null;
  /** The contacts the import puts in it, in file order. */
  readonly members: string[];
}

/** One contact's part of the plan. */
export interface PlannedContact {
  /** The incoming contact's index in the file's contacts. */
  readonly index: number;
  readonly edit: LocalEdit;
  /** The company this contact needs made first (it is new), if any. */
  readonly newCompanyId: string | null;
}

/** What an import writes. */
export interface ImportPlan {
  readonly importId: string;
  /** The companies to make, by id (each made with the first contact that needs it). */
  readonly newCompanies: ReadonlyMap<string, Fields>;
  readonly contacts: readonly PlannedContact[];
  readonly groups: readonly PlannedGroup[];
  readonly counts: {
    /** Contacts made. */
    readonly create: number;
    /** Existing contacts changed (fill or update). */
    readonly update: number;
    /** Duplicates left as they are (skip, or nothing to fill). */
    readonly skip: number;
  };
}

/**
 * The plan of an import of `incoming` (the file's contacts and companies) into `existing`:
 * ids come from `newId`, the mark is `importId`.
 */
export function planImport(
  incoming: readonly ImportedContact[],
  companies: readonly ImportedCompany[],
  existing: ExistingRecords,
  choice: DuplicateChoice,
  importId: string,
  newId: () => string,
): ImportPlan {
  const duplicates = new Map(
    choice === "add" ? [] : findDuplicates(incoming, existing).map((d) => [d.index, d.match]),
  );
  const companyIds = new Map(
    existing.companies.map((c) => [companyKey(str(c.fields.name)), c.id] as const),
  );
  const companyFields = new Map(
    companies.map((c) => [companyKey(c.fields.name), c.fields as Fields]),
  );
  const newCompanies = new Map<string, Fields>();
  const groupsByKey = new Map<string, PlannedGroup>();
  for (const group of existing.groups) {
    const key = companyKey(str(group.fields.name));
    if (key !== "" && !groupsByKey.has(key))
      groupsByKey.set(key, {
        id: group.id,
        name: str(group.fields.name),
        existing: group,
        members: [],
      });
  }

  /** The company id of an organization name, made on first use when it is new. */
  const companyOf = (name: string | undefined): { id: string; isNew: boolean } | null => {
    const key = companyKey(name ?? "");
    if (key === "") return null;
    const known = companyIds.get(key);
    if (known !== undefined) return { id: known, isNew: newCompanies.has(known) };
    const id = newId();
    companyIds.set(key, id);
    newCompanies.set(id, {
      ...(companyFields.get(key) ?? { name: (name ?? "").trim() }),
      importId,
    });
    return { id, isNew: true };
  };
  const groupsOf = (names: readonly string[] | undefined): PlannedGroup[] =>
    (names ?? []).flatMap((name) => {
      const key = companyKey(name);
      if (key === "") return [];
      let group = groupsByKey.get(key);
      if (!group) {
        group = { id: newId(), name: name.trim(), existing: null, members: [] };
        groupsByKey.set(key, group);
      }
      return [group];
    });

  const planned: PlannedContact[] = [];
  const counts = { create: 0, update: 0, skip: 0 };
  incoming.forEach((contact, index) => {
    const match = duplicates.get(index);
    if (match && choice === "skip") {
      counts.skip++;
      return;
    }
    const company = companyOf(contact.companyName);
    const groups = groupsOf(contact.groupNames);
    const fields = { ...(contact.fields as Fields) };
    if (company) fields.companyId = company.id;
    if (match) {
      const current = list(match.fields.groupIds);
      const groupIds = unionList(
        "groupIds",
        current,
        groups.map((g) => g.id),
      );
      const changes = mergeChanges(match.fields, fields, choice as "fill" | "update");
      if (groupIds.length !== current.length) changes.groupIds = groupIds;
      if (Object.keys(changes).length === 0) {
        counts.skip++;
        return;
      }
      counts.update++;
      for (const g of groups)
        if (!list(match.fields.groupIds).includes(g.id)) g.members.push(match.id);
      planned.push({
        index,
        edit: { op: "update", type: "contact", id: match.id, changes },
        newCompanyId: company?.isNew && "companyId" in changes ? company.id : null,
      });
      return;
    }
    const id = newId();
    const groupIds = [...new Set(groups.map((g) => g.id))].slice(0, maxOf("groupIds"));
    for (const g of groups)
      if (groupIds.includes(g.id) && !g.members.includes(id)) g.members.push(id);
    if (groupIds.length > 0) fields.groupIds = groupIds;
    fields.importId = importId;
    counts.create++;
    planned.push({
      index,
      edit: { op: "create", type: "contact", id, fields },
      newCompanyId: company?.isNew ? company.id : null,
    });
  });
  return {
    importId,
    newCompanies,
    contacts: planned,
    groups: [...groupsByKey.values()].filter((g) => g.members.length > 0),
    counts,
  };
}

/**
 * The plan's contacts in batches of `size`, each with the creates of the new companies its
 * contacts are the first to need (a company is made once, with the batch of its first contact,
 * so a cancelled import makes no company without a contact).
 */
export function contactBatches(plan: ImportPlan, size: number): LocalEdit[][] {
  const made = new Set<string>();
  const batches: LocalEdit[][] = [];
  for (let i = 0; i < plan.contacts.length; i += size) {
    const batch: LocalEdit[] = [];
    for (const contact of plan.contacts.slice(i, i + size)) {
      const company = contact.newCompanyId;
      if (company !== null && !made.has(company)) {
        made.add(company);
        batch.push({
          op: "create",
          type: "company",
          id: company,
          fields: plan.newCompanies.get(company) ?? {},
        });
      }
      batch.push(contact.edit);
    }
    batches.push(batch);
  }
  return batches;
}

/**
 * The last batch: the groups, with the contacts that were written (`written`: an import
 * cancelled half-way puts only those in). A new group is made with its members (the import's
 * mark on it); an existing one gets them added. A group's list holds at most its limit; past it
 * membership is on the contact's side only, which readers take too.
 */
export function groupEdits(plan: ImportPlan, written: ReadonlySet<string>): LocalEdit[] {
  const limit = FIELDS.group.memberIds.max ?? Infinity;
  return plan.groups.flatMap((group): LocalEdit[] => {
    const members = group.members.filter((id) => written.has(id));
    if (members.length === 0) return [];
    if (group.existing === null) {
      return [
        {
          op: "create",
          type: "group",
          id: group.id,
          fields: { name: group.name, memberIds: members.slice(0, limit), importId: plan.importId },
        },
      ];
    }
    const current = list(group.existing.fields.memberIds);
    const memberIds = [...new Set([...current, ...members])].slice(
      0,
      Math.max(limit, current.length),
    );
    return memberIds.length === current.length
      ? []
      : [{ op: "update", type: "group", id: group.id, changes: { memberIds } }];
  });
}

/**
 * Whether nobody edited a record since the import made it: on the server, it is still at
 * version 1 (the import's create) with nothing of mine waiting; not yet on the server, its only
 * pending changes were made by the time the import finished (`finishedAt`, an ISO time of this
 * computer's clock, as the outbox's `at`). A local edit after that, folded into the create or
 * not, moves its time past `finishedAt`.
 */
export function untouchedSince(record: ViewRecord, finishedAt: string): boolean {
  if (!record.pending) return record.version === 1;
  return record.version === null && record.updatedAt !== null && record.updatedAt <= finishedAt;
}

/** What Undo import does. */
export interface UndoPlan {
  /** Deletes of the records the import made that nobody edited, then group list updates. */
  readonly edits: LocalEdit[];
  readonly counts: {
    readonly contacts: number;
    readonly companies: number;
    readonly groups: number;
    /** Records the import made that stay: edited since, or still needed. */
    readonly kept: number;
  };
}

/**
 * The undo of import `importId` (finished at `finishedAt`): deletes the contacts it made that
 * nobody edited since; the companies and groups it made that nobody edited and that no
 * remaining contact names; and takes the deleted contacts out of the other groups' lists.
 * Existing contacts the import filled or updated stay as they are.
 */
export function undoPlan(importId: string, finishedAt: string, records: ExistingRecords): UndoPlan {
  const mine = (r: ViewRecord) => r.fields.importId === importId;
  const gone = new Set<string>();
  let kept = 0;
  for (const contact of records.contacts) {
    if (!mine(contact)) continue;
    if (untouchedSince(contact, finishedAt)) gone.add(contact.id);
    else kept++;
  }
  const staying = records.contacts.filter((c) => !gone.has(c.id));
  const usedCompanies = new Set(staying.map((c) => str(c.fields.companyId)));
  const usedGroups = new Set(staying.flatMap((c) => list(c.fields.groupIds).map(str)));
  const removable = (r: ViewRecord, used: Set<string>) => {
    if (!mine(r)) return false;
    if (untouchedSince(r, finishedAt) && !used.has(r.id)) return true;
    kept++;
    return false;
  };
  const companies = records.companies.filter((c) => removable(c, usedCompanies));
  const groups = records.groups.filter((g) => removable(g, usedGroups));
  const goneGroups = new Set(groups.map((g) => g.id));
  const edits: LocalEdit[] = [
    ...[...gone].map((id): LocalEdit => ({ op: "remove", type: "contact", id })),
    ...companies.map((c): LocalEdit => ({ op: "remove", type: "company", id: c.id })),
    ...groups.map((g): LocalEdit => ({ op: "remove", type: "group", id: g.id })),
  ];
  for (const group of records.groups) {
    if (goneGroups.has(group.id)) continue;
    const members = list(group.fields.memberIds);
    const rest = members.filter((id) => !gone.has(str(id)));
    if (rest.length !== members.length) {
      edits.push({
        op: "update",
        type: "group",
        id: group.id,
        changes: { memberIds: rest.length === 0 ? null : rest },
      });
    }
  }
  return {
    edits,
    counts: { contacts: gone.size, companies: companies.length, groups: groups.length, kept },
  };
}
