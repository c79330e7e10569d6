/**
 * A vCard reader (2.1, 3.0 and 4.0; RFC 2425/2426/6350 and the 2.1 specification) written for
 * the files phones and mail programs really write. vCard libraries handle 3.0 and 4.0 but not
 * 2.1's quoted-printable and per-property `CHARSET=`, which old phones and Outlook still write,
 * so this small reader is ours (issue 14).
 *
 * It works on the file's bytes until a property's charset is known: the file is read as a
 * "binary string" (one character per byte), which keeps every byte while the lines, folds and
 * parameters (all ASCII) are parsed; each value's bytes are then decoded in the charset the
 * property declares, else as UTF-8 when valid, else in the file's legacy code page
 * (./decode.ts). A UTF-16 file is made UTF-8 first, and its `CHARSET=` parameters ignored.
 *
 * What goes where is in docs/import.md ("vCard"). This reader does not validate: ./index.ts
 * runs ./validate.ts on what it answers.
 */
import type { ContactFields, EmailEntry, PhoneEntry, PostalAddress } from "../shared/records";
import { decodeValue, isUtf8, legacyEncoding, unicodeEncoding } from "./decode";
import {
  PROGRESS_EVERY,
  type ImportedContact,
  type ImportProblem,
  type ReadOptions,
  type ReaderResult,
} from "./types";

/** Whether `head` (the start of a file, decoded any way) is a vCard file. */
export function looksLikeVcard(head: string): boolean {
  return /^\s*BEGIN:VCARD\s*$/im.test(head.split(/\r\n|\r|\n/).find((l) => l.trim()) ?? "");
}

/** One property, its value still bytes (a binary string). */
interface Property {
  /** `item1` of `item1.EMAIL`, lower-cased. */
  group: string | null;
  /** Upper-cased. */
  name: string;
  /** Parameter values by upper-cased name; 2.1's bare `WORK` is filed under TYPE. */
  params: Map<string, string[]>;
  value: string;
  /** The 1-based line the property starts on. */
  line: number;
}

interface Card {
  line: number;
  version: string;
  props: Property[];
  complete: boolean;
}

const BARE_ENCODINGS = new Set(["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]);

/**
 * The file as a "byte string": one character per byte, to parse the ASCII syntax without
 * deciding the text's encoding. WHATWG's windows-1252 decoder maps every byte to its own
 * character (bytes 0x80–0x9F to the code page's letters, or to themselves where it has none),
 * decodes natively, and is undone by {@link bytesOf}.
 */
const byteString = (bytes: Uint8Array) => new TextDecoder("windows-1252").decode(bytes);

/** The characters windows-1252 gives bytes 0x80–0x9F, back to their bytes. */
const HIGH_BYTES = new Map(
  [...byteString(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i))].map((c, i) => [
    c.charCodeAt(0),
    0x80 + i,
  ]),
);

function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    out[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (HIGH_BYTES.get(c) ?? 0x3f);
  }
  return out;
}

/** Text of bytes below 0x80 only. */
const ASCII = /^[^\x80-\uffff]*$/;

/**
 * Quoted-printable to bytes. A `=` that ends the value is a soft line break with nothing after
 * it (a cut file, or a writer that ends every line so): dropped. Any other `=` not followed by
 * two hex digits stays as it is.
 */
function quotedPrintable(value: string): Uint8Array {
  const binary = value.replace(SOFT_BREAK, "");
  const out: number[] = [];
  for (let i = 0; i < binary.length; i += 1) {
    const c = binary.charCodeAt(i);
    const hex = c === 0x3d ? binary.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(c);
  }
  return Uint8Array.from(out);
}

/** Splits `s` at each `sep` outside double quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '"') quoted = !quoted;
    else if (s[i] === sep && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** RFC 6868's escapes in parameter values (`^n`, `^^`, `^'`), and the quotes around them. */
function paramValue(raw: string): string {
  const v = raw.trim().replace(/^"(.*)"$/s, "$1");
  return v.replace(/\^([n^'])/g, (_, c: string) => (c === "n" ? "\n" : c === "'" ? '"' : "^"));
}

const PROPERTY_START = /^([A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]/;

/** A content line `[group.]NAME;PARAM=…:value`, or null when it is not one. */
function parseProperty(text: string, line: number): Property | null {
  let colon = -1;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [namepart = "", ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ";");
  const match = /^(?:([^.]+)\.)?([A-Za-z0-9-]+)$/.exec(namepart.trim());
  if (!match) return null;
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]) =>
    params.set(key, [...(params.get(key) ?? []), ...values]);
  for (const raw of rawParams) {
    const eq = raw.indexOf("=");
    if (eq === -1) {
      const bare = raw.trim().toUpperCase();
      if (bare) add(BARE_ENCODINGS.has(bare) ? "ENCODING" : "TYPE", [bare]);
      continue;
    }
    const key = raw.slice(0, eq).trim().toUpperCase();
    const value = raw.slice(eq + 1);
    // TYPE=work,voice and TYPE="work,voice": a list either way.
    const values =
      key === "TYPE" ? splitOutsideQuotes(value, ",").map(paramValue) : [paramValue(value)];
    add(key, values);
  }
  return {
    group: match[1]?.toLowerCase() ?? null,
    name: (match[2] ?? "").toUpperCase(),
    params,
    value: text.slice(colon + 1),
    line,
  };
}

function isQuotedPrintable(text: string): boolean {
  const colon = text.indexOf(":");
  return colon > 0 && /;\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(;|$)/i.test(text.slice(0, colon));
}

/** A QP value ending in `=` continues on the next line (a soft line break). */
const SOFT_BREAK = /=[ \t]*$/;

/**
 * The logical lines of the file: folded lines joined (a line that starts with a space or a tab
 * continues the one before, that one character removed, in every version: 2.1 writers fold as
 * 3.0 does), and quoted-printable values joined across their soft line breaks, also across the
 * empty lines some writers put between them.
 */
function logicalLines(binary: string): { text: string; line: number }[] {
  const physical = binary.split(/\r\n|\r|\n/);
  const out: { text: string; line: number; qp: boolean }[] = [];
  let current: { text: string; line: number; qp: boolean } | null = null;
  for (let i = 0; i < physical.length; i += 1) {
    const raw = physical[i] ?? "";
    if (current !== null && /^[ \t]/.test(raw)) {
      current.text += raw.slice(1);
      continue;
    }
    if (current?.qp && SOFT_BREAK.test(current.text)) {
      let j = i;
      while (j < physical.length && physical[j] === "") j += 1;
      const next = physical[j];
      const continues =
        next !== undefined &&
        !/^END:VCARD\s*$/i.test(next) &&
        (j === i || !PROPERTY_START.test(next));
      if (continues) {
        current.text = current.text.replace(SOFT_BREAK, "") + next;
        i = j;
        continue;
      }
    }
    if (raw.trim() === "") {
      current = null;
      continue;
    }
    current = { text: raw, line: i + 1, qp: isQuotedPrintable(raw) };
    out.push(current);
  }
  return out;
}

/** Groups the properties into cards; lines outside a card and broken cards give problems. */
function cardsOf(binary: string, problems: ImportProblem[]): Card[] {
  const cards: Card[] = [];
  let card: Card | null = null;
  let nested = 0;
  let outside: number | null = null;
  const flushOutside = () => {
    if (outside === null) return;
    problems.push({
      line: outside,
      reason: "This text is not inside a vCard (BEGIN:VCARD … END:VCARD): left out.",
      skipped: true,
    });
    outside = null;
  };
  const truncated = (c: Card) =>
    problems.push({
      line: c.line,
      reason: "This vCard has no END:VCARD (the file is cut or broken): what it holds was read.",
      skipped: false,
    });
  for (const { text, line } of logicalLines(binary)) {
    const prop = parseProperty(text, line);
    const value = prop?.value.trim().toUpperCase();
    if (prop?.name === "BEGIN" && value === "VCARD") {
      const last = card?.props.at(-1);
      if (card !== null && last?.name === "AGENT" && last.value.trim() === "") {
        nested += 1; // vCard 2.1's AGENT holds another person's vCard: not a contact of ours
        continue;
      }
      if (card !== null) truncated(card);
      flushOutside();
      card = { line, version: "3.0", props: [], complete: false };
      cards.push(card);
    } else if (prop?.name === "END" && value === "VCARD" && card !== null) {
      if (nested > 0) nested -= 1;
      else {
        card.complete = true;
        card = null;
      }
    } else if (card === null) {
      outside ??= line;
    } else if (nested > 0) {
      continue;
    } else if (prop === null) {
      problems.push({
        line,
        reason: `This line is not a vCard property: left out ("${text.slice(0, 40)}").`,
        skipped: false,
      });
    } else {
      if (prop.name === "VERSION") card.version = prop.value.trim();
      card.props.push(prop);
    }
  }
  flushOutside();
  if (card !== null) truncated(card);
  return cards;
}

/** Splits at each `sep` not escaped by a backslash; the parts keep their escapes. */
function splitEscaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === "\\") i += 1;
    else if (s[i] === sep) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** Text of a decoded value: line breaks as `\n`, no control characters but tab and newline. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing them is the point
  return s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** The user's word for the properties kept in the notes. */
const NOTE_LABELS: Record<string, string> = {
  NICKNAME: "Nickname",
  ROLE: "Role",
  TITLE: "Job title",
  ORG: "Organization",
  ANNIVERSARY: "Anniversary",
  "X-ANNIVERSARY": "Anniversary",
  "X-MS-ANNIVERSARY": "Anniversary",
  "X-EVOLUTION-ANNIVERSARY": "Anniversary",
  BDAY: "Birthday",
  "X-MS-MANAGER": "Manager",
  "X-EVOLUTION-MANAGER": "Manager",
  "X-MANAGER": "Manager",
  "X-MS-ASSISTANT": "Assistant",
  "X-EVOLUTION-ASSISTANT": "Assistant",
  "X-ASSISTANT": "Assistant",
  "X-MS-SPOUSE": "Spouse",
  "X-EVOLUTION-SPOUSE": "Spouse",
  "X-SPOUSE": "Spouse",
  IMPP: "IM",
  "X-MS-IMADDRESS": "IM",
  "X-AIM": "AIM",
  "X-JABBER": "Jabber",
  "X-SKYPE": "Skype",
  "X-SKYPE-USERNAME": "Skype",
  "X-ICQ": "ICQ",
  "X-MSN": "MSN",
  "X-YAHOO": "Yahoo",
  "X-GOOGLE-TALK": "Google Talk",
  GENDER: "Gender",
  "X-GENDER": "Gender",
  GEO: "Location",
  TZ: "Time zone",
  LANG: "Language",
  LABEL: "Address label",
  RELATED: "Related",
  "X-ABRELATEDNAMES": "Related",
  "X-ABDATE": "Date",
  MAILER: "Mailer",
  AGENT: "Agent",
  CALURI: "Calendar",
  CALADRURI: "Calendar address",
  FBURL: "Free/busy",
  SOURCE: "Source",
  MEMBER: "Member",
  KIND: "Kind",
  "X-PHONETIC-FIRST-NAME": "Phonetic first name",
  "X-PHONETIC-LAST-NAME": "Phonetic last name",
};

/**
 * Properties left out on purpose: the file's own bookkeeping (VERSION, PRODID, REV…; UID only
 * links a group's members),
 * pictures, sounds and keys (binary or links to them), and Outlook's and Apple's layout data.
 * Everything else that has no field of its own is kept in the notes.
 */
const IGNORED = new Set([
  "VERSION",
  "PRODID",
  "REV",
  "CLIENTPIDMAP",
  "NAME",
  "PROFILE",
  "SORT-STRING",
  "PHOTO",
  "LOGO",
  "SOUND",
  "KEY",
  "X-ABLABEL",
  "X-ABUID",
  "X-ABSHOWAS",
  "X-ABADR",
  "X-IRMC-LUID",
  "X-MS-OL-DESIGN",
  "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
  "X-MS-CARDPICTURE",
  "X-ADDRESSBOOKSERVER-KIND",
  "X-ADDRESSBOOKSERVER-MEMBER",
]);

/** Whether a property's value is binary data (an inline photo, sound or key). */
function isBinary(prop: Property): boolean {
  const enc = prop.params.get("ENCODING")?.[0]?.toUpperCase();
  const type = prop.params.get("VALUE")?.[0]?.toLowerCase();
  return enc === "B" || enc === "BASE64" || type === "binary";
}

const TECHNICAL_TYPES = new Set([
  "pref",
  "internet",
  "x400",
  "voice",
  "msg",
  "video",
  "bbs",
  "modem",
  "isdn",
  "pcs",
  "text",
  "textphone",
  "postal",
  "parcel",
  "dom",
  "intl",
]);

/** A phone label from a TYPE word or an Apple label (`_$!<Mobile>!$_` → "mobile"). */
function phoneWord(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z]/g, "");
  if (w.endsWith("fax")) return "fax";
  if (w === "cell" || w === "mobile" || w === "iphone" || w === "cellular") return "mobile";
  return word;
}

/**
 * Reads the contacts of a vCard file. Answers the reader's result and the encoding the values
 * were read in (see `ContactFileResult.encoding`).
 */
export function readVcard(
  input: Uint8Array,
  options: Pick<ReadOptions, "onProgress"> = {},
): ReaderResult & { encoding: string } {
  const unicode = unicodeEncoding(input);
  let bytes = input.subarray(unicode?.bomLength ?? 0);
  const utf16 = unicode !== null && unicode.encoding !== "utf-8" ? unicode.encoding : null;
  if (utf16 !== null) bytes = new TextEncoder().encode(new TextDecoder(utf16).decode(bytes));
  const binary = byteString(bytes);

  // The file's legacy code page, guessed from its lines that are not UTF-8, when first needed.
  let legacy: string | null = null;
  const fallback = () => {
    legacy ??= legacyEncoding(
      bytesOf(
        binary
          .split(/\r\n|\r|\n/)
          .filter((l) => !ASCII.test(l) && !isUtf8(bytesOf(l)))
          .join("\n")
          .slice(0, 64 * 1024),
      ),
    );
    return legacy;
  };
  const used = new Set<string>();

  const problems: ImportProblem[] = [];
  const cards = cardsOf(binary, problems);

  /** A property's value as text: quoted-printable undone, bytes decoded, escapes kept. */
  const texts = new WeakMap<Property, string>();
  const rawText = (prop: Property): string => {
    const known = texts.get(prop);
    if (known !== undefined) return known;
    const text = decodeProperty(prop);
    texts.set(prop, text);
    return text;
  };
  const decodeProperty = (prop: Property): string => {
    const qp = prop.params.get("ENCODING")?.some((e) => e.toUpperCase() === "QUOTED-PRINTABLE");
    if (!qp && ASCII.test(prop.value)) return clean(prop.value);
    const valueBytes = qp ? quotedPrintable(prop.value) : bytesOf(prop.value);
    if (!valueBytes.some((b) => b >= 0x80)) return clean(byteString(valueBytes));
    const charset = utf16 === null ? prop.params.get("CHARSET")?.[0] : undefined;
    const decoded = decodeValue(valueBytes, charset, fallback);
    used.add(decoded.encoding);
    if (decoded.text.includes("\uFFFD"))
      problems.push({
        line: prop.line,
        reason: `${prop.name} holds bytes that are not valid ${decoded.encoding}: they show as \uFFFD.`,
        skipped: false,
      });
    return clean(decoded.text);
  };

  const contacts: ImportedContact[] = [];
  const groups: { name: string; members: string[] }[] = [];
  const byUid = new Map<string, ImportedContact>();
  for (const [i, card] of cards.entries()) {
    if (i % PROGRESS_EVERY === 0) options.onProgress?.(i, cards.length);
    const read = readCard(card, rawText, problems);
    if (read === null) continue;
    if ("members" in read) groups.push(read);
    else {
      contacts.push(read.contact);
      if (read.uid) byUid.set(read.uid, read.contact);
    }
  }
  options.onProgress?.(cards.length, cards.length);
  // Groups written as vCards of their own (KIND:group, or Apple's X-ADDRESSBOOKSERVER-KIND)
  // name their members by UID: those contacts get the group's name.
  for (const group of groups)
    for (const uid of group.members) {
      const member = byUid.get(uid);
      if (member) member.groupNames = [...(member.groupNames ?? []), group.name];
    }

  const encodings = [...used].sort((a, b) => (a === "utf-8" ? -1 : b === "utf-8" ? 1 : 0));
  const encoding = utf16 ?? (encodings.length ? encodings.join(" + ") : "utf-8");
  return { contacts, problems, encoding };
}

const uidOf = (s: string) =>
  s
    .trim()
    .replace(/^urn:uuid:/i, "")
    .toLowerCase();

/** One card: a contact, a group of contacts, or null when it was left out. */
function readCard(
  card: Card,
  rawText: (prop: Property) => string,
  problems: ImportProblem[],
): { contact: ImportedContact; uid: string | null } | { name: string; members: string[] } | null {
  const v21 = card.version.startsWith("2");
  /** Undoes a text value's escapes: 3.0 and 4.0 escape `\\ \, \; \: \n`, 2.1 only `\;`. */
  const unescape = (s: string) =>
    v21
      ? s.replace(/\\([;,])/g, "$1")
      : s.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
  const text = (prop: Property) => unescape(rawText(prop)).trim();
  /** A structured value's components, each a list (2.1 has no lists: commas are text). */
  const components = (prop: Property) =>
    splitEscaped(rawText(prop), ";").map((c) =>
      (v21 ? [c] : splitEscaped(c, ",")).map((p) => unescape(p).trim()).filter((p) => p),
    );
  const types = (prop: Property) =>
    (prop.params.get("TYPE") ?? []).flatMap((t) => t.toLowerCase().split(",")).map((t) => t.trim());
  const isPref = (prop: Property) =>
    types(prop).includes("pref") || prop.params.get("PREF")?.[0] === "1";
  const problem = (line: number, reason: string) => problems.push({ line, reason, skipped: false });

  const props = card.props;
  const kind = props.find((p) => p.name === "KIND" || p.name === "X-ADDRESSBOOKSERVER-KIND");
  if (kind && text(kind).toLowerCase() === "group") {
    const fn = props.find((p) => p.name === "FN");
    const members = props
      .filter((p) => p.name === "MEMBER" || p.name === "X-ADDRESSBOOKSERVER-MEMBER")
      .map((p) => uidOf(rawText(p)));
    if (fn && text(fn)) return { name: text(fn), members };
    problems.push({
      line: card.line,
      reason: "This vCard is a group of contacts without a name: left out.",
      skipped: true,
    });
    return null;
  }

  // Apple's and Google's labels: item1.EMAIL and item1.X-ABLabel:Assistant.
  const labels = new Map<string, string>();
  for (const p of props)
    if (p.name === "X-ABLABEL" && p.group !== null) {
      const label = text(p);
      labels.set(p.group, /^_\$!<(.*)>!\$_$/.exec(label)?.[1]?.toLowerCase() ?? label);
    }
  const groupLabel = (p: Property) => (p.group === null ? undefined : labels.get(p.group));
  /** The first TYPE word that names a place or use, not a technical detail. */
  const placeType = (p: Property) => types(p).find((t) => !TECHNICAL_TYPES.has(t));

  const fields: ContactFields = {};
  const notes: string[] = [];
  const extra: string[] = [];
  const keep = (p: Property, value: string, label?: string) => {
    const name = label ?? groupLabel(p) ?? NOTE_LABELS[p.name] ?? p.name;
    if (value) extra.push(`${name}: ${value}`);
  };
  let companyName: string | undefined;
  let uid: string | null = null;
  let n: string[][] | null = null;
  const emails: EmailEntry[] = [];
  const phones: PhoneEntry[] = [];
  const addresses: PostalAddress[] = [];
  const websites: string[] = [];
  const categories: string[] = [];
  const labelProps: Property[] = [];
  let primaryTaken = false;

  for (const p of props) {
    if (isBinary(p) || IGNORED.has(p.name)) continue;
    switch (p.name) {
      case "UID":
        uid = uidOf(rawText(p));
        break;
      case "FN":
        if (fields.displayName == null) fields.displayName = text(p);
        else keep(p, text(p), "Name");
        break;
      case "N":
        if (n === null) n = components(p);
        break;
      case "ORG": {
        const [org = [], ...units] = components(p);
        if (companyName === undefined && fields.department == null) {
          companyName = org.join(", ") || undefined;
          const department = units
            .map((u) => u.join(", "))
            .filter((u) => u)
            .join(", ");
          if (department) fields.department = department;
        } else if (org.join(", ") !== companyName) keep(p, text(p).replace(/;/g, ", "));
        break;
      }
      case "TITLE":
        if (fields.jobTitle == null) fields.jobTitle = text(p);
        else keep(p, text(p));
        break;
      case "ROLE":
        keep(p, text(p));
        break;
      case "NOTE":
        notes.push(text(p));
        break;
      case "X-EVOLUTION-FILE-AS":
        fields.fileAs ??= text(p);
        break;
      case "EMAIL": {
        const address = text(p).replace(/^mailto:/i, "");
        if (!address) break;
        const word = groupLabel(p) ?? placeType(p);
        const entry: EmailEntry = { address };
        if (word) entry.label = word;
        if (isPref(p) && !primaryTaken) {
          entry.primary = true;
          primaryTaken = true;
        }
        emails.push(entry);
        break;
      }
      case "TEL": {
        let number = text(p);
        const uri = /^tel:([^;]*)(.*)$/i.exec(number);
        if (uri) {
          const ext = /;ext=([^;]*)/i.exec(uri[2] ?? "")?.[1];
          number = decodeURIComponentSafe(uri[1] ?? "") + (ext ? ` x${ext}` : "");
        }
        if (!number) break;
        const word = groupLabel(p) ?? pickPhoneType(types(p));
        phones.push(word ? { number, label: phoneWord(word) } : { number });
        break;
      }
      case "ADR": {
        const [pobox = [], ext = [], street = [], city = [], region = [], code = [], country = []] =
          components(p);
        const join = (parts: string[]) => parts.join(", ");
        const address: PostalAddress = {};
        const lines = [join(street), join(ext), join(pobox)].filter((l) => l);
        if (lines.length) address.street = lines.join("\n");
        if (city.length) address.city = join(city);
        if (region.length) address.region = join(region);
        if (code.length) address.postalCode = join(code);
        if (country.length) address.country = join(country);
        if (Object.keys(address).length === 0) break;
        const word = groupLabel(p) ?? placeType(p);
        if (word) address.label = word;
        addresses.push(address);
        break;
      }
      case "LABEL":
        labelProps.push(p);
        break;
      case "URL": {
        const url = text(p);
        if (url) websites.push(url);
        break;
      }
      case "CATEGORIES":
        for (const c of splitEscaped(rawText(p), v21 ? ";" : ",").flatMap((c) =>
          v21 ? c.split(",") : [c],
        )) {
          const name = unescape(c).trim();
          if (name && !categories.some((x) => x.toLowerCase() === name.toLowerCase()))
            categories.push(name);
        }
        break;
      case "BDAY":
        birthday(p, text(p), fields, keep, problem);
        break;
      case "KIND":
        if (text(p).toLowerCase() !== "individual") keep(p, text(p));
        break;
      case "GENDER":
        keep(p, components(p).flat().join(", "));
        break;
      default:
        if (p.name.startsWith("X-COUCHDB-")) break;
        keep(p, text(p));
    }
  }

  if (n !== null) {
    const [family = [], given = [], middle = [], prefix = [], suffix = []] = n;
    if (family.length) fields.familyName = family.join(" ");
    if (given.length) fields.givenName = given.join(" ");
    if (middle.length) fields.middleName = middle.join(" ");
    if (fields.displayName == null) {
      const full = [...prefix, ...given, ...middle, ...family].join(" ");
      if (full) fields.displayName = suffix.length ? `${full}, ${suffix.join(", ")}` : full;
    }
  }
  // A formatted address (LABEL) says again what ADR says; kept only when there is no ADR.
  if (addresses.length === 0) for (const p of labelProps) keep(p, text(p));
  if (emails.length) fields.emails = emails;
  if (phones.length) fields.phones = phones;
  if (addresses.length) fields.addresses = addresses;
  if (websites.length) fields.websites = websites;
  if (categories.length) fields.categories = categories;
  const allNotes = [...notes.filter((x) => x), extra.join("\n")].filter((x) => x);
  if (allNotes.length) fields.notes = allNotes.join("\n\n");

  const contact: ImportedContact = { line: card.line, fields };
  if (companyName) contact.companyName = companyName;
  return { contact, uid };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The phone label of a TYPE list: fax first, then mobile, pager, car, work, home, … */
function pickPhoneType(types: string[]): string | undefined {
  for (const t of ["fax", "cell", "pager", "car", "work", "home"]) if (types.includes(t)) return t;
  return types.find((t) => !TECHNICAL_TYPES.has(t));
}

/**
 * BDAY in its forms: `1980-03-22`, `19800322`, with a time after `T`; `--0203` and `--02-03`
 * have no year (4.0 and 3.0), nor has Apple's `1604-02-03` with `X-APPLE-OMIT-YEAR=1604`: the
 * field needs one, so those go to the notes, with a problem. Anything else is handed on as it
 * is, and ./validate.ts moves what is not a real date to the notes.
 */
function birthday(
  p: Property,
  value: string,
  fields: ContactFields,
  keep: (p: Property, value: string, label?: string) => void,
  problem: (line: number, reason: string) => void,
): void {
  if (!value || fields.birthday != null) return;
  const noYear = /^--(\d\d)-?(\d\d)$/.exec(value);
  const full = /^(\d{4})-?(\d\d)-?(\d\d)(?:T.*)?$/.exec(value);
  const omit = p.params.get("X-APPLE-OMIT-YEAR")?.[0];
  if (noYear || (full && omit === full[1])) {
    const [, month, day] = noYear ?? [full?.[0], full?.[2], full?.[3]];
    keep(p, `--${month}-${day} (no year)`);
    problem(p.line, `Birthday ${value} has no year: kept in the notes.`);
  } else if (full) fields.birthday = `${full[1]}-${full[2]}-${full[3]}`;
  else fields.birthday = value;
}
