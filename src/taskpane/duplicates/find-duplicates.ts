/**
 * Which contacts of the copy look like one person entered twice ("Find duplicates"). Pure: the
 * panel shows the pairs, the unit tests check them on 50,000 contacts.
 *
 * Two contacts pair when they share an e-mail address (trimmed, case ignored, as the import
 * matches them), or when their names match at the same company. Names compare by their first
 * and last words, folded as search folds them (accents, case and spacing ignored) and in either
 * order, so "José García", "jose  garcia", "García, José" and "José María García" match; a
 * name alone never pairs contacts without a company or at different companies, where a common
 * name is most often two people. Companies compare by name, folded alike, so two company
 * records of one name count as one company.
 *
 * Each key is an index entry (a map from key to the contacts that have it), never a comparison
 * of every contact with every other: contacts that share a key pair with the first of them (the first not marked distinct), so
 * a key that 1,000 contacts share gives 999 pairs, not half a million. Pairs a member marked
 * "Not a duplicate" (`notDuplicateOf`, on either side) are left out.
 */
import type { Fields } from "../../shared/json";
import type { ViewRecord } from "../../sync/view";
import { text, texts } from "../contacts/contact-view";
import { emailKeys } from "../import/plan";
import { words } from "../records/search-index";

export interface DuplicatePair {
  /** The contact kept by a merge: the one created first (ids are ULIDs, in order of creation). */
  readonly a: ViewRecord;
  /** The contact a merge removes. */
  readonly b: ViewRecord;
  /** Why they pair: an address they share, or their name at one company. */
  readonly by: "email" | "name";
  /** The shared address (`by: "email"`). */
  readonly address?: string;
}

/**
 * The key of a contact's name as pairs compare it: its first and last folded words, sorted (so
 * given and family names may be swapped, and a middle name missing on one side). The first and
 * last names when either is set, else the display name. Empty when the contact has no name.
 */
export function personKey(fields: Readonly<Fields>): string {
  const parts = [text(fields.givenName), text(fields.middleName), text(fields.familyName)];
  const named = parts.some((p) => p !== null) ? parts.join(" ") : (text(fields.displayName) ?? "");
  const all = words(named);
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return "";
  return first <= last ? `${first} ${last}` : `${last} ${first}`;
}

/** Whether a member said the two are not duplicates (on either side). */
export function markedDistinct(a: ViewRecord, b: ViewRecord): boolean {
  return (
    texts(a.fields.notDuplicateOf).includes(b.id) || texts(b.fields.notDuplicateOf).includes(a.id)
  );
}

/** Every pair of likely duplicates among `contacts`, each pair once, address pairs first. */
export function findDuplicatePairs(
  contacts: readonly ViewRecord[],
  companies: readonly ViewRecord[],
): DuplicatePair[] {
  const companyKeys = new Map(
    companies.map((c) => [c.id, words(text(c.fields.name) ?? "").join(" ") || c.id]),
  );
  const ordered = [...contacts].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const byAddress = new Map<string, ViewRecord[]>();
  const byName = new Map<string, ViewRecord[]>();
  const add = (index: Map<string, ViewRecord[]>, key: string, contact: ViewRecord) => {
    const found = index.get(key);
    if (found === undefined) index.set(key, [contact]);
    else if (found[found.length - 1] !== contact) found.push(contact);
  };
  for (const contact of ordered) {
    for (const address of emailKeys(contact.fields)) add(byAddress, address, contact);
    const companyId = text(contact.fields.companyId);
    const name = personKey(contact.fields);
    if (companyId !== null && name !== "")
      add(byName, `${name}\n${companyKeys.get(companyId) ?? companyId}`, contact);
  }

  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  const pairAll = (index: Map<string, ViewRecord[]>, by: DuplicatePair["by"]) => {
    for (const [key, found] of index) {
      found.forEach((b, i) => {
        // The first earlier contact not marked distinct from it: usually the very first.
        let a: ViewRecord | undefined;
        for (let j = 0; j < i && a === undefined; j++) {
          const x = found[j];
          if (x !== undefined && !markedDistinct(x, b)) a = x;
        }
        if (a === undefined) return;
        const pairKey = `${a.id}\n${b.id}`;
        if (seen.has(pairKey)) return;
        seen.add(pairKey);
        pairs.push(by === "email" ? { a, b, by, address: key } : { a, b, by });
      });
    }
  };
  pairAll(byAddress, "email");
  pairAll(byName, "name");
  return pairs;
}

/**
 * The change that remembers "not a duplicate": the other's id added to the `notDuplicateOf` of
 * the side whose list is shorter (a list holds 200 ids).
 */
export function notDuplicateEdit(pair: Pick<DuplicatePair, "a" | "b">): {
  readonly id: string;
  readonly changes: Fields;
} {
  const [onA, onB] = [texts(pair.a.fields.notDuplicateOf), texts(pair.b.fields.notDuplicateOf)];
  return onA.length <= onB.length
    ? { id: pair.a.id, changes: { notDuplicateOf: [...onA, pair.b.id] } }
    : { id: pair.b.id, changes: { notDuplicateOf: [...onB, pair.a.id] } };
}
