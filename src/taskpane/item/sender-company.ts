/**
 * The company a new contact made from an e-mail address probably works at, when no company of
 * the database owns the address's domain (item-people.ts finds those): one named from the
 * domain ("sales.adventure-works.co.uk" → "Adventure Works", domain adventure-works.co.uk),
 * offered to create with the contact. Never for a free-mail domain: a gmail.com address says
 * nothing about its owner's employer.
 */
import type { Fields } from "../../shared/json";
import { validateFields } from "../../shared/records";
import type { EditOutcome, SyncEngine } from "../../sync/engine";
import { domainOf } from "./item-people";

/**
 * Free-mail providers whose addresses anybody can have: these exact domains, and any domain
 * whose registrable name is in {@link FREE_MAIL_NAMES} (yahoo.fr, gmx.net, hotmail.co.uk…).
 * A small list of the providers most seen in business mail; a domain missing from it gets a
 * company suggestion the user can untick.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "web.de",
  "t-online.de",
  "freenet.de",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "mail.com",
  "zoho.com",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "sfr.fr",
  "mail.ru",
  "qq.com",
  "163.com",
  "126.com",
  "naver.com",
]);

/** Registrable names that are free mail under every top-level domain. */
export const FREE_MAIL_NAMES: ReadonlySet<string> = new Set([
  "yahoo",
  "ymail",
  "hotmail",
  "live",
  "gmx",
  "yandex",
]);

/**
 * Second-level names under which a country's domains are registered (contoso.co.uk,
 * contoso.com.au, contoso.co.jp): with a two-letter top-level domain, the company's name is
 * the label before them.
 */
const SECOND_LEVEL = new Set([
  "co",
  "com",
  "org",
  "net",
  "ac",
  "gov",
  "edu",
  "ne",
  "or",
  "ltd",
  "plc",
]);

/**
 * The domain a company registers, of a host: `mail.contoso.com` → contoso.com,
 * `sales.contoso.co.uk` → contoso.co.uk. Null for a bare top-level or second-level name.
 */
export function registrableDomain(host: string): string | null {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  if (labels.length < 2 || labels.some((l) => l === "")) return null;
  const top = labels[labels.length - 1] ?? "";
  const second = labels[labels.length - 2] ?? "";
  const size = top.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.length < size ? null : labels.slice(-size).join(".");
}

/** Whether an address is at a free-mail provider (see {@link FREE_MAIL_DOMAINS}). */
export function isFreeMail(address: string): boolean {
  const domain = domainOf(address);
  if (domain === null) return false;
  const registrable = registrableDomain(domain);
  if (registrable === null) return false;
  return FREE_MAIL_DOMAINS.has(registrable) || FREE_MAIL_NAMES.has(registrable.split(".")[0] ?? "");
}

/** A new company guessed from an address: its name (for the user to correct) and domain. */
export interface CompanyGuess {
  readonly name: string;
  readonly domain: string;
}

/**
 * The company an address's domain names, or null for free mail and addresses without a usable
 * domain. Words of the name come from its hyphens ("adventure-works" → "Adventure Works"); a
 * name run together stays one word ("blueyonderairlines" → "Blueyonderairlines"), and one of
 * at most three letters is taken for initials ("ibm" → "IBM").
 */
export function guessCompany(address: string): CompanyGuess | null {
  if (isFreeMail(address)) return null;
  const host = domainOf(address);
  const domain = host === null ? null : registrableDomain(host);
  if (domain === null) return null;
  if (!validateFields("company", { domains: [domain] }, "update").ok) return null;
  const label = domain.split(".")[0] ?? "";
  const words = label.split(/[-_]+/).filter((w) => w !== "");
  if (words.length === 0) return null;
  const name =
    words.length === 1 && /^[a-z]{1,3}$/.test(label)
      ? label.toUpperCase()
      : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  return { name, domain };
}

/**
 * Creates a new company and the contact working at it, in one batch: both are checked first, so
 * that a contact the engine refuses leaves no company behind. A problem with the company comes
 * back on the field `newCompany`.
 */
export async function createWithCompany(
  engine: Pick<SyncEngine, "newId" | "applyAll">,
  contact: Fields,
  company: Fields,
): Promise<EditOutcome> {
  const name = company.name;
  if (typeof name !== "string" || name.trim() === "") {
    return { status: "invalid", field: "newCompany", message: "Write the new company's name." };
  }
  const companyId = engine.newId();
  const contactFields = { ...contact, companyId };
  const companyCheck = validateFields("company", company, "create");
  const contactCheck = validateFields("contact", contactFields, "create");
  if (!companyCheck.ok) {
    return { status: "invalid", field: "newCompany", message: companyCheck.message };
  }
  if (!contactCheck.ok) {
    return { status: "invalid", field: contactCheck.field, message: contactCheck.message };
  }
  const outcomes = await engine.applyAll([
    { op: "create", type: "company", id: companyId, fields: company },
    { op: "create", type: "contact", id: engine.newId(), fields: contactFields },
  ]);
  // Both were checked and their ids are new: the contact's outcome says how it went.
  return outcomes[1] ?? { status: "not_found" };
}
