/**
 * A page of changes as a member with a sync set may see it (docs/sync-protocol.md, "How this
 * implementation reads the contract", 5 and 11):
 *
 * - a record in the view now comes as it is;
 * - a record out of it, or a tombstone, comes only if the member's copy may hold it: if it may
 *   have been in the view after the cursor's `since` (`mayHaveBeenInView`). Then a live record
 *   is named in `removed` and a tombstone comes as it is; otherwise nothing tells of it;
 * - a new copy (no cursor) holds nothing yet: no `removed`, no tombstones;
 * - a contact whose view may have changed since `since` (it came in, went out, or was deleted)
 *   brings its history items along, those now in view as records and those that may have left
 *   in `removed`, since they did not change themselves.
 */
import type { Json, PullResponse } from "../../../src/shared/protocol";
import type { ChangeRow, Repository, StoredRecord } from "../storage/repository";
import { inBatches } from "../batches";
import { inView, linkedContactIds, mayHaveBeenInView, type View } from "./view";

type Ref = PullResponse["removed"][number];

/**
 * `page` (read after the cursor) as `view` sees it; `since` is the cursor's, null for a new
 * copy. `view` has a filter (a member without one sees every change).
 */
export async function restrictToView(
  repo: Repository,
  db: string,
  view: View,
  page: readonly ChangeRow[],
  since: number | null,
): Promise<{ sent: ChangeRow[]; removed: Ref[] }> {
  const parsed = page.map(parseChange);
  const contacts = new Map<string, StoredRecord>(
    parsed.filter((r) => r.type === "contact").map((r) => [r.id, r]),
  );
  const contact = (id: string) => contacts.get(id);
  const readContacts = async (history: readonly StoredRecord[]) => {
    const missing = history.flatMap(linkedContactIds).filter((id) => !contacts.has(id));
    const read = await repo.readRecords(
      db,
      missing.map((id) => ({ type: "contact", id })),
    );
    for (const c of read.values()) contacts.set(c.id, c);
  };
  // History items are judged by their linked contacts: read those not in this page.
  await readContacts(parsed);

  const sent: ChangeRow[] = [];
  const removed: Ref[] = [];
  const shownNow = (r: StoredRecord) => !r.deleted && inView(view, r, contact);
  const mayHold = (r: StoredRecord) => since !== null && mayHaveBeenInView(view, r, since, contact);
  parsed.forEach((r, i) => {
    if (shownNow(r) || (r.deleted && mayHold(r))) sent.push(page[i]!);
    else if (mayHold(r)) removed.push({ type: r.type, id: r.id });
  });
  if (since === null) return { sent, removed };

  // Contacts whose view may have changed: in view and changed there since (their history may
  // have come in), or out of it (or deleted) and maybe in it before (their history may have gone).
  const contactsOf = (came: boolean) =>
    parsed.filter(
      (r) =>
        r.type === "contact" &&
        (came ? shownNow(r) && r.viewSeq > since : !shownNow(r) && mayHold(r)),
    );
  const inPage = new Set(parsed.filter((r) => r.type === "history").map((r) => r.id));
  const linkedTo = async (moved: StoredRecord[]) =>
    new Set(
      (await inBatches(moved, (c) => repo.readLinkedHistory(db, c.id)))
        .flat()
        .filter((id) => !inPage.has(id)),
    );
  const came = await linkedTo(contactsOf(true));
  const went = await linkedTo(contactsOf(false));
  const read = await repo.readRecords(
    db,
    [...new Set([...came, ...went])].map((id) => ({ type: "history", id })),
  );
  const history = [...read.values()].filter((h) => !h.deleted);
  await readContacts(history);
  for (const h of history) {
    // The index may name items no longer linked: each is judged as it is now.
    if (shownNow(h)) {
      if (came.has(h.id)) sent.push(asChangeRow(h));
    } else if (went.has(h.id) && mayHold(h)) removed.push({ type: h.type, id: h.id });
  }
  return { sent, removed };
}

/** A change row as a stored record (without its stamps, which views never read). */
export function parseChange(r: ChangeRow): StoredRecord {
  const { fieldsJson, ...rest } = r;
  return { ...rest, fields: JSON.parse(fieldsJson) as Record<string, Json>, stamps: {} };
}

/** A record read whole, as a change row (its fields as JSON). */
export function asChangeRow(r: StoredRecord): ChangeRow {
  const { fields, stamps: _stamps, ...rest } = r;
  return { ...rest, fieldsJson: JSON.stringify(fields) };
}
