/**
 * The contacts, companies and groups of the open copy, and the contacts' list entries (rebuilt
 * incrementally on every change) with their search index; and the list a screen shows of them:
 * sorted, filtered, then searched as the user types.
 *
 * The list's first paint waits for nothing but the entries and their sort: the search index is
 * loaded and built in the background afterwards, in short slices (ui/idle.ts), so that it is
 * ready when the user types (a search before that scans). A keystroke's search is then cheap
 * enough for the results to render with the keystroke itself (the bench's `pane.search10k`): a
 * deferred query (`useDeferredValue`) measured slower, its second render waiting for a frame.
 */
import { useEffect, useMemo, useState } from "react";
import type { SyncEngine } from "../../sync/engine";
import type { ViewRecord } from "../../sync/view";
import { useRecords } from "../useRecords";
import type { ContactEntry, ContactFilter, SortOrder } from "./contact-list";
import {
  compareEntries,
  ContactIndex,
  EntrySorter,
  filterEntries,
  NO_FILTER,
} from "./contact-list";
import { EntrySearch } from "../records/entry-search";

export interface ContactDirectory {
  readonly contacts: readonly ViewRecord[];
  readonly companies: readonly ViewRecord[];
  readonly groups: readonly ViewRecord[];
  /** One entry per contact, in no particular order. */
  readonly entries: readonly ContactEntry[];
  /** Searches `entries`, and lists made of them. */
  readonly index: EntrySearch<ContactEntry>;
}

export function useContactDirectory(engine: SyncEngine): ContactDirectory {
  const contacts = useRecords(engine, "contact");
  const companies = useRecords(engine, "company");
  const groups = useRecords(engine, "group");
  const [contactIndex] = useState(() => new ContactIndex());
  const entries = useMemo(
    () => contactIndex.update(contacts, companies),
    [contactIndex, contacts, companies],
  );
  const index = useMemo(() => new EntrySearch(entries), [entries]);
  useEffect(() => index.buildInBackground(), [index]);
  return useMemo(
    () => ({ contacts, companies, groups, entries, index }),
    [contacts, companies, groups, entries, index],
  );
}

export interface ContactQuery {
  readonly text: string;
  readonly sort: SortOrder;
  readonly filter: ContactFilter;
}

/** The list as it opens: every contact, by name. */
export const OPENING_QUERY: ContactQuery = { text: "", sort: "name", filter: NO_FILTER };

export interface ContactResults {
  /** The entries after sort and filter, before search. */
  readonly listed: readonly ContactEntry[];
  /** What the list shows. */
  readonly results: readonly ContactEntry[];
}

export function useContactResults(
  directory: ContactDirectory,
  query: ContactQuery,
): ContactResults {
  const [sorter] = useState(() => new EntrySorter<ContactEntry>(compareEntries));
  const { entries, groups, index } = directory;
  const sorted = useMemo(() => sorter.sort(entries, query.sort), [sorter, entries, query.sort]);
  const listed = useMemo(
    () => filterEntries(sorted, query.filter, groups),
    [sorted, query.filter, groups],
  );
  const results = useMemo(() => index.search(listed, query.text), [index, listed, query.text]);
  return { listed, results };
}
