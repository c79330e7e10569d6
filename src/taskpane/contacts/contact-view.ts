/**
 * What the pane shows of a contact's fields, read defensively: the copy holds what the shared
 * database holds, which another client may have written, so every value is checked before it
 * is shown, and only addresses that cannot run code become links (http, https, mailto, tel).
 */
import type { Json } from "../../shared/protocol";
import { EmailAddress } from "../../shared/records";

type FieldMap = Readonly<Record<string, Json>>;

/** A text field's value, trimmed; null when it is absent, blank or not text. */
export function text(value: Json | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** The objects of a list field (anything else in it is left out). */
function objects(value: Json | undefined): Array<Record<string, Json>> {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Record<string, Json> =>
      typeof item === "object" && item !== null && !Array.isArray(item),
  );
}

/** The texts of a list field. */
export function texts(value: Json | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const t = text(item);
    return t === null ? [] : [t];
  });
}

export interface EmailView {
  readonly address: string;
  readonly label: string | null;
  readonly primary: boolean;
}

export interface PhoneView {
  readonly number: string;
  readonly label: string | null;
}

export interface AddressView {
  readonly label: string | null;
  /** The address's lines, street first. */
  readonly lines: readonly string[];
}

export function emailsOf(fields: FieldMap): EmailView[] {
  return objects(fields.emails).flatMap((e) => {
    const address = text(e.address);
    return address === null ? [] : [{ address, label: text(e.label), primary: e.primary === true }];
  });
}

export function phonesOf(fields: FieldMap): PhoneView[] {
  return objects(fields.phones).flatMap((p) => {
    const number = text(p.number);
    return number === null ? [] : [{ number, label: text(p.label) }];
  });
}

export function addressesOf(fields: FieldMap): AddressView[] {
  return objects(fields.addresses).flatMap((a) => {
    const place = [text(a.postalCode), text(a.city)].filter((s) => s !== null).join(" ");
    const lines = [
      ...(text(a.street)?.split("\n") ?? []),
      place,
      text(a.region) ?? "",
      text(a.country) ?? "",
    ].filter((line) => line.trim() !== "");
    return lines.length === 0 ? [] : [{ label: text(a.label), lines }];
  });
}

/** The primary e-mail address, else the first. */
export function primaryEmail(fields: FieldMap): string | null {
  const emails = emailsOf(fields);
  return (emails.find((e) => e.primary) ?? emails[0])?.address ?? null;
}

/** The name to show: `displayName`, else the given, middle and family names, else the e-mail. */
export function contactName(fields: FieldMap): string {
  const fullName = [text(fields.givenName), text(fields.middleName), text(fields.familyName)]
    .filter((part) => part !== null)
    .join(" ");
  return text(fields.displayName) ?? (fullName || primaryEmail(fields) || "Unnamed contact");
}

/**
 * The name lists sort by: `fileAs` (as Outlook's "File as"), else the name shown (`name`, when
 * the caller has it already).
 */
export function contactFileAs(fields: FieldMap, name?: string): string {
  return text(fields.fileAs) ?? name ?? contactName(fields);
}

/** A `mailto:` link for a valid address; null for anything else (shown as text). */
export function mailtoHref(address: string): string | null {
  return EmailAddress.safeParse(address).success ? `mailto:${address}` : null;
}

/** The keypad's letters: a vanity number like 1-800-FLOWERS dials these digits. */
const KEYPAD = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];

/**
 * A `tel:` link: the leading `+` and the digits, an extension (`x12`, `ext. 12`) left out as
 * dialers do not take it, the letters of a vanity number as keypad digits; null when no digit.
 */
export function telHref(number: string): string | null {
  const main = number.replace(/\s*(?:x|ext\.?|extension)\s*\d+\s*$/i, "");
  const digits = main
    .toUpperCase()
    .replace(/[A-Z]/g, (letter) => String(KEYPAD.findIndex((keys) => keys.includes(letter))))
    .replace(/\D/g, "");
  if (!/\d/.test(number)) return null;
  return `tel:${main.trimStart().startsWith("+") ? "+" : ""}${digits}`;
}

/** A host name with at least one dot, then an optional port and path: `www.contoso.com/x`. */
const BARE_HOST =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d+)?(?:[/?#]|$)/i;

/**
 * The link for a website, or null to show it as text: http and https addresses as written,
 * and a bare host name such as `contoso.com` as https. Every other scheme (`javascript:`,
 * `data:`, `file:`…) stays text.
 */
export function websiteHref(website: string): string | null {
  const value = website.trim();
  if (BARE_HOST.test(value)) return `https://${value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

/** A date `YYYY-MM-DD` in the user's words (the day itself, whatever the time zone). */
export function dateText(value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(ms)) return value;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeZone: "UTC" }).format(ms);
}

/** A user-defined field's value in words; null for a value of no known type. */
export function customValueText(value: Json): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value.value;
  switch (value.type) {
    case "text":
    case "choice":
      return typeof v === "string" ? v : null;
    case "number":
      return typeof v === "number" ? new Intl.NumberFormat().format(v) : null;
    case "currency": {
      if (typeof v !== "number" || typeof value.currency !== "string") return null;
      try {
        return new Intl.NumberFormat(undefined, {
          style: "currency",
          currency: value.currency,
        }).format(v);
      } catch {
        return `${v} ${value.currency}`;
      }
    }
    case "yesno":
      return v === true ? "Yes" : v === false ? "No" : null;
    case "date":
      return typeof v === "string" ? dateText(v) : null;
    default:
      return null;
  }
}

/** The user-defined fields as name and text, by name. */
export function customFields(fields: FieldMap): Array<{ name: string; value: string }> {
  const custom = fields.custom;
  if (typeof custom !== "object" || custom === null || Array.isArray(custom)) return [];
  return Object.entries(custom)
    .flatMap(([name, value]) => {
      const shown = customValueText(value);
      return shown === null ? [] : [{ name, value: shown }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The ways of reaching the contact that the contact refused, in words. */
export function refusals(fields: FieldMap): string[] {
  const dnc = fields.doNotContact;
  if (typeof dnc !== "object" || dnc === null || Array.isArray(dnc)) return [];
  const ways: Array<[string, string]> = [
    ["call", "No calls"],
    ["email", "No e-mail"],
    ["mail", "No postal mail"],
    ["link", "E-mails not linked automatically"],
  ];
  return ways.flatMap(([key, label]) => (dnc[key] === true ? [label] : []));
}

/** Whether no e-mail is to be linked with the contact automatically (read, sent or found). */
export function neverLinked(fields: FieldMap): boolean {
  const dnc = fields.doNotContact;
  return typeof dnc === "object" && dnc !== null && !Array.isArray(dnc) && dnc.link === true;
}
