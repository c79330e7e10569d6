/**
 * The contacts, companies and groups of the open copy, and the contacts' list entries (indexed
 * for search, rebuilt incrementally on every change); and the list a screen shows of them:
 * sorted, filtered, then searched as the user types (narrowing from the last results while the
 * query only grows). Typing stays responsive on a large copy because the search reads a
 * deferred query: React renders the keystroke first and the results right after.
 */
import { useDeferredValue, useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { useRecords } from "../useRecords";
import type { ContactEntry, ContactFilter, SortOrder } from "./contact-list";
import { compareEntries, ContactIndex, EntrySorter, filterEntries } from "./contact-list";
import { NarrowingSearch } from "./search-index";

export interface ContactDirectory {
  readonly contacts: readonly ViewRecord[];
  readonly companies: readonly ViewRecord[];
  readonly groups: readonly ViewRecord[];
  /** One entry per contact, in no particular order. */
  readonly entries: readonly ContactEntry[];
}

export function useContactDirectory(engine: SyncEngine): ContactDirectory {
  const contacts = useRecords(engine, "contact");
  const companies = useRecords(engine, "company");
  const groups = useRecords(engine, "group");
  const [index] = useState(() => new ContactIndex());
  const entries = useMemo(() => index.update(contacts, companies), [index, contacts, companies]);
  return { contacts, companies, groups, entries };
}

export interface ContactQuery {
  readonly text: string;
  readonly sort: SortOrder;
  readonly filter: ContactFilter;
}

export interface ContactResults {
  /** The entries after sort and filter, before search. */
  readonly listed: readonly ContactEntry[];
  /** What the list shows. */
  readonly results: readonly ContactEntry[];
  /** Whether the results are for an older query than the one typed (still catching up). */
  readonly stale: boolean;
}

export function useContactResults(
  directory: ContactDirectory,
  query: ContactQuery,
): ContactResults {
  const [sorter] = useState(() => new EntrySorter<ContactEntry>(compareEntries));
  const [search] = useState(() => new NarrowingSearch<ContactEntry>());
  const { entries, groups } = directory;
  const sorted = useMemo(() => sorter.sort(entries, query.sort), [sorter, entries, query.sort]);
  const listed = useMemo(
    () => filterEntries(sorted, query.filter, groups),
    [sorted, query.filter, groups],
  );
  const text = useDeferredValue(query.text);
  const results = useMemo(() => search.search(listed, text), [search, listed, text]);
  return { listed, results, stale: text !== query.text };
}
