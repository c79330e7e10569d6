/**
 * Who takes part in the selected Outlook item, and who they are in the database: each address
 * (not the user's own) matched to contacts by any of their e-mail addresses, case-insensitively,
 * and to a company by its domain. Also the name parts a new contact gets from a display name.
 */
import type { Fields } from "../../shared/json";
import type { Json } from "../../shared/protocol";
import type { EmailAddress, MailItem } from "../../office/office";
import { EmailAddress as ValidAddress } from "../../shared/records";
import type { ViewRecord } from "../../sync/view";
import { text, texts } from "../contacts/contact-view";

export type PersonRole = "from" | "to" | "cc" | "organizer" | "required" | "optional";

/** One address of the item, once however often it appears. */
export interface ItemPerson {
  /** The display name Outlook gives; "" when it gives none. */
  readonly name: string;
  readonly address: string;
  /** Where it appears, in the order of the item's fields. */
  readonly roles: readonly PersonRole[];
}

/** An address as it is compared: trimmed and lower-cased (addresses are matched regardless of case). */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** The item's addresses in order (sender or organizer first), with each role they appear in. */
export function everyone(item: MailItem): ItemPerson[] {
  const fields: Array<[PersonRole, readonly EmailAddress[]]> =
    item.itemType === "message"
      ? [
          ["from", item.from ? [item.from] : []],
          ["to", item.to],
          ["cc", item.cc],
        ]
      : [
          ["organizer", item.organizer ? [item.organizer] : []],
          ["required", item.requiredAttendees],
          ["optional", item.optionalAttendees],
        ];
  const byKey = new Map<string, { name: string; address: string; roles: PersonRole[] }>();
  for (const [role, addresses] of fields) {
    for (const { displayName, emailAddress } of addresses) {
      const key = addressKey(emailAddress);
      if (key === "") continue;
      const known = byKey.get(key);
      if (known) {
        if (!known.roles.includes(role)) known.roles.push(role);
        if (known.name === "" && displayName.trim() !== "") known.name = displayName.trim();
      } else {
        byKey.set(key, { name: displayName.trim(), address: emailAddress.trim(), roles: [role] });
      }
    }
  }
  return [...byKey.values()];
}

/** The item's people but the user: the ones the pane resolves to contacts. */
export function peopleOf(item: MailItem, user: EmailAddress | null): ItemPerson[] {
  const me = user ? addressKey(user.emailAddress) : null;
  return everyone(item).filter((person) => addressKey(person.address) !== me);
}

/**
 * Contacts by each of their addresses' key. With `only`, just those keys: an item's few
 * addresses are looked up in one pass over the contacts' addresses, without indexing all of them
 * (10,000 contacts' addresses cost the pane's start more than the item's panel is worth).
 */
export function contactsByAddress(
  contacts: readonly ViewRecord[],
  only?: ReadonlySet<string>,
): Map<string, ViewRecord[]> {
  const index = new Map<string, ViewRecord[]>();
  // An address as written can only be a wanted one if it has a wanted key's length, unless it
  // has spaces around it: most are passed over without making their key.
  const lengths = only === undefined ? null : new Set([...only].map((key) => key.length));
  for (const contact of contacts) {
    const emails = contact.fields.emails;
    if (!Array.isArray(emails)) continue;
    for (const email of emails) {
      // What emailsOf reads, without making its objects.
      const address =
        typeof email === "object" && email !== null && !Array.isArray(email)
          ? email.address
          : undefined;
      if (typeof address !== "string") continue;
      if (lengths !== null && !lengths.has(address.length) && !padded(address)) continue;
      const key = addressKey(address);
      if (key === "" || (only !== undefined && !only.has(key))) continue;
      const list = index.get(key);
      if (!list) index.set(key, [contact]);
      // A contact listing an address twice is there once.
      else if (list[list.length - 1] !== contact) list.push(contact);
    }
  }
  return index;
}

const SPACE = /\s/;

/** Whether an address starts or ends with white space (trimming it changes its length). */
function padded(address: string): boolean {
  return SPACE.test(address.charAt(0)) || SPACE.test(address.charAt(address.length - 1));
}

/** The domain of an address, lower-cased; null when it has none. */
export function domainOf(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at < 0) return null;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  return domain.includes(".") ? domain : null;
}

/** The host of a website as a company stores it ("https://www.fabrikam.com/about" → fabrikam.com). */
export function websiteDomain(website: string): string | null {
  const trimmed = website.trim();
  if (trimmed === "") return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  return host.includes(".") ? host : null;
}

/**
 * Companies by domain: their `domains` (meant for matching senders), then the hosts of their
 * `websites`. A domain two companies claim goes to the first that names it in `domains`, else
 * to the first by name, so the match does not depend on the order records arrive in. With
 * `only`, just the companies that may claim one of those domains are indexed (an item's few).
 */
export function companiesByDomain(
  companies: readonly ViewRecord[],
  only?: ReadonlySet<string>,
): Map<string, ViewRecord> {
  const candidates = only === undefined ? companies : companies.filter((c) => mayClaimAny(c, only));
  const sorted = [...candidates].sort(
    (a, b) =>
      (text(a.fields.name) ?? "").localeCompare(text(b.fields.name) ?? "") ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const index = new Map<string, ViewRecord>();
  for (const company of sorted) {
    for (const domain of texts(company.fields.domains)) {
      const key = domain.toLowerCase();
      if (!index.has(key)) index.set(key, company);
    }
  }
  for (const company of sorted) {
    for (const website of texts(company.fields.websites)) {
      const key = websiteDomain(website);
      if (key !== null && !index.has(key)) index.set(key, company);
    }
  }
  return index;
}

/**
 * Whether one of the company's domains or websites contains one of `domains`: a cheap test that
 * every company claiming one of them passes (a website's host is part of it, lower-cased).
 */
function mayClaimAny(company: ViewRecord, domains: ReadonlySet<string>): boolean {
  const named = [...texts(company.fields.domains), ...texts(company.fields.websites)];
  return named.some((name) => {
    const lower = name.toLowerCase();
    for (const domain of domains) if (lower.includes(domain)) return true;
    return false;
  });
}

/**
 * The domains a company may match an address by: its domain and each parent domain but the
 * top-level one (`mail.fabrikam.com`, `fabrikam.com`).
 */
export function matchingDomains(address: string): string[] {
  const found: string[] = [];
  for (let domain = domainOf(address); domain !== null && domain.includes(".");) {
    found.push(domain);
    domain = domain.slice(domain.indexOf(".") + 1);
  }
  return found;
}

/**
 * The company whose domain the address is in: `mail.fabrikam.com` matches `fabrikam.com`, but a
 * bare top-level domain never matches.
 */
export function companyForAddress(
  address: string,
  index: ReadonlyMap<string, ViewRecord>,
): ViewRecord | null {
  for (const domain of matchingDomains(address)) {
    const company = index.get(domain);
    if (company) return company;
  }
  return null;
}

/** A person of the item with what the database knows of them. */
export interface ResolvedPerson {
  readonly person: ItemPerson;
  /** The contacts with this address, by name. */
  readonly contacts: readonly ViewRecord[];
  /** The company: the contact's own, else the one whose domain the address is in. */
  readonly company: ViewRecord | null;
}

export function resolvePeople(
  people: readonly ItemPerson[],
  contacts: ReadonlyMap<string, readonly ViewRecord[]>,
  companies: readonly ViewRecord[],
  byDomain: ReadonlyMap<string, ViewRecord>,
): ResolvedPerson[] {
  const companyById = new Map(companies.map((c) => [c.id, c]));
  return people.map((person) => {
    const matches = [...(contacts.get(addressKey(person.address)) ?? [])].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const own = matches
      .map((c) => text(c.fields.companyId))
      .map((id) => (id === null ? undefined : companyById.get(id)))
      .find((c) => c !== undefined);
    return {
      person,
      contacts: matches,
      company: own ?? companyForAddress(person.address, byDomain),
    };
  });
}

/** The name parts of a new contact. */
export interface NameParts {
  readonly displayName: string | null;
  readonly givenName: string | null;
  readonly middleName: string | null;
  readonly familyName: string | null;
}

const HONORIFICS = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame)\.?$/i;
const SUFFIXES = /^(jr|sr|ii|iii|iv|phd|md)\.?$/i;
/** Lower-case words that belong to the family name that follows them: "Ludwig van Beethoven". */
const PARTICLES = new Set([
  "al",
  "bin",
  "da",
  "das",
  "de",
  "del",
  "della",
  "der",
  "di",
  "do",
  "dos",
  "du",
  "la",
  "le",
  "ten",
  "ter",
  "van",
  "von",
  "zu",
]);
/** Scripts written without spaces between names, whose order this cannot guess. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function capitalize(word: string): string {
  return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}

/**
 * A display name split into given, middle and family names, as Outlook's "Full Name" does:
 * "Kenji Watanabe", "Watanabe, Kenji", "Dr. Anna Maria van der Berg Jr." (honorifics dropped,
 * particles kept with the family name). Names in scripts written without spaces ("王芳") are
 * kept whole as the display name. With no usable name, the address's local part gives one when
 * it reads as two or more words ("kenji.watanabe@…" → Kenji Watanabe).
 */
export function splitName(displayName: string, address: string): NameParts {
  let name = displayName
    .trim()
    .replace(/\s*[([][^)\]]*[)\]]\s*$/, "")
    .replace(/^["']+|["']+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (name === "" || name.includes("@")) {
    const local = address.slice(0, Math.max(0, address.lastIndexOf("@")));
    const words = local.split(/[._-]+/).filter((w) => /^\p{L}+$/u.test(w));
    if (words.length < 2) {
      return { displayName: null, givenName: null, middleName: null, familyName: null };
    }
    name = words.map((w) => capitalize(w.toLowerCase())).join(" ");
  }
  const comma = name.indexOf(",");
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const rest = name
      .slice(comma + 1)
      .trim()
      .split(" ")
      .filter((w) => w !== "");
    if (family !== "" && rest.length > 0) {
      return {
        displayName: [...rest, family].join(" "),
        givenName: rest[0] ?? null,
        middleName: rest.length > 1 ? rest.slice(1).join(" ") : null,
        familyName: family,
      };
    }
  }
  const words = name.split(" ").filter((w) => w !== "");
  while (words.length > 1 && HONORIFICS.test(words[0] ?? "")) words.shift();
  if (words.length === 1) {
    const only = words[0] ?? "";
    return {
      displayName: name,
      givenName: UNSPACED.test(only) ? null : only,
      middleName: null,
      familyName: null,
    };
  }
  let familyStart = words.length - 1;
  if (familyStart > 1 && SUFFIXES.test(words[familyStart] ?? "")) familyStart -= 1;
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1] ?? "")) familyStart -= 1;
  return {
    displayName: name,
    givenName: words[0] ?? null,
    middleName: familyStart > 1 ? words.slice(1, familyStart).join(" ") : null,
    familyName: words.slice(familyStart).join(" "),
  };
}

/** At most `max` characters (code points), as the record's limits count them. */
export function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max).join("");
}

/** What the "Create contact" form starts from. */
export interface NewContactDraft {
  readonly givenName: string;
  readonly familyName: string;
  readonly middleName: string;
  readonly displayName: string;
  readonly address: string;
  readonly companyId: string | null;
}

export function newContactDraft(person: ItemPerson, company: ViewRecord | null): NewContactDraft {
  const parts = splitName(person.name, person.address);
  return {
    givenName: parts.givenName ?? "",
    middleName: parts.middleName ?? "",
    familyName: parts.familyName ?? "",
    displayName: parts.displayName ?? "",
    address: person.address,
    companyId: company?.id ?? null,
  };
}

/**
 * The fields of the new contact. The display name follows the names typed when the user changed
 * them; the address is the work address and primary; the owner is the user who made it
 * (lower-cased, as sync-set filters compare it).
 */
export function newContactFields(
  draft: NewContactDraft,
  original: NewContactDraft,
  owner: string | null,
): Fields {
  const fields: Record<string, Json> = {};
  const given = draft.givenName.trim();
  const family = draft.familyName.trim();
  const middle = draft.middleName.trim();
  const namesChanged =
    given !== original.givenName ||
    family !== original.familyName ||
    middle !== original.middleName;
  const display =
    namesChanged || original.displayName === ""
      ? [given, middle, family].filter((p) => p !== "").join(" ")
      : original.displayName;
  if (given !== "") fields.givenName = clip(given, 256);
  if (middle !== "") fields.middleName = clip(middle, 256);
  if (family !== "") fields.familyName = clip(family, 256);
  if (display !== "") fields.displayName = clip(display, 256);
  if (family !== "" && given !== "") fields.fileAs = clip(`${family}, ${given}`, 256);
  fields.emails = [{ address: draft.address, label: "work", primary: true }];
  if (draft.companyId !== null) fields.companyId = draft.companyId;
  if (owner !== null && ValidAddress.safeParse(owner.toLowerCase()).success) {
    fields.owner = owner.toLowerCase();
  }
  return fields;
}
