/**
 * Records, fields and values in words, for the lists that show changes out of context (the
 * conflict inbox, needs attention): which record, which field, and what a value says. Values
 * come from the database, so they become plain text here and are never interpreted.
 */
import type { Json, RecordType } from "../../shared/protocol";
import { fieldLabel } from "../../shared/records";
import { customFields, refusals } from "../contacts/contact-view";
import { KIND_LABELS, kindOf } from "../history/history-view";

const TYPE_NAMES: Record<RecordType, string> = {
  contact: "contact",
  company: "company",
  group: "group",
  history: "history item",
};

/** "contact", "company", "group", "history item". */
export function typeName(type: RecordType): string {
  return TYPE_NAMES[type];
}

/**
 * What a record is, as a label beside its name: "Contact", "Company", "Group", and for a
 * history item its kind ("Phone log", "Task"), else "History item".
 */
export function recordKind(
  type: RecordType,
  fields: Readonly<Record<string, Json>> | null,
): string {
  const kind = type === "history" && fields ? kindOf(fields) : null;
  return kind ? KIND_LABELS[kind].one : capitalize(typeName(type));
}

/**
 * A path the server names, such as `fields.emails.2.address`, in words: "E-mail addresses,
 * item 3, address". `fields.` is the protocol's prefix for a record's fields.
 */
export function fieldPathLabel(path: string): string {
  const parts = path.replace(/^fields\./, "").split(".");
  const [first, ...rest] = parts;
  const words = [fieldLabel(first ?? "")];
  for (const part of rest) words.push(/^\d+$/.test(part) ? `item ${Number(part) + 1}` : part);
  return words.join(", ");
}

/**
 * A validation message that starts with the field's path (`jobTitle must be at most 256
 * characters.`, as src/shared/records.ts words them) with the path in words instead.
 */
export function messageInWords(field: string | undefined, message: string): string {
  if (!field) return message;
  const path = field.replace(/^fields\./, "");
  if (path === "" || !message.startsWith(`${path} `)) return message;
  return `${fieldPathLabel(path)}${message.slice(path.length)}`;
}

/** The name a record goes by in lists: a contact's name, a company's or group's name, a subject. */
export function recordName(
  type: RecordType,
  id: string,
  fields: Readonly<Record<string, Json>> | null,
): string {
  const text = (value: Json | undefined): string | null =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  if (fields === null) return `${capitalize(typeName(type))} ${id}`;
  switch (type) {
    case "contact": {
      const fullName = [text(fields.givenName), text(fields.familyName)].filter(Boolean).join(" ");
      return (
        text(fields.displayName) ?? (fullName || firstAddress(fields.emails) || "Unnamed contact")
      );
    }
    case "company":
    case "group":
      return text(fields.name) ?? `Unnamed ${typeName(type)}`;
    case "history":
      return (
        text(fields.subject) ??
        text(fields.fileName) ??
        `Untitled ${recordKind(type, fields).toLowerCase()}`
      );
  }
}

/**
 * "(empty)" for no value; otherwise the value as a person reads it, on one line. `field` names
 * the field it is the value of, for those whose objects are said in words of their own.
 */
export function valueText(value: Json | undefined, field?: string): string {
  if (value === undefined || value === null) return "(empty)";
  // The fields whose objects have names of their own: said as the card says them.
  if (field === "doNotContact") return refusals({ doNotContact: value }).join(", ") || "None";
  if (field === "custom") {
    const custom = customFields({ custom: value });
    return custom.length === 0 ? "(empty)" : custom.map((c) => `${c.name}: ${c.value}`).join("; ");
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value === "" ? "(empty text)" : value;
  if (Array.isArray(value)) {
    return value.length === 0 ? "(empty list)" : value.map((v) => itemText(v)).join("; ");
  }
  return objectText(value);
}

function itemText(value: Json): string {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? objectText(value)
    : valueText(value);
}

/** E-mail and phone entries, addresses and participants as they are written; else `key: value`. */
function objectText(value: { [key: string]: Json }): string {
  const str = (key: string): string | null => {
    const v = value[key];
    return typeof v === "string" && v !== "" ? v : null;
  };
  const label = str("label");
  const withLabel = (text: string) => (label ? `${text} (${label})` : text);
  const address = str("address");
  if (address) return withLabel(value.primary === true ? `${address}, primary` : address);
  const number = str("number");
  if (number) return withLabel(number);
  const email = str("email");
  if (email || str("name")) {
    const name = str("name");
    return name && email ? `${name} <${email}>` : (name ?? email ?? "");
  }
  const postal = ["street", "postalCode", "city", "region", "country"]
    .map(str)
    .filter((part): part is string => part !== null);
  if (postal.length > 0) return withLabel(postal.join(", ").replace(/\n/g, ", "));
  const entries = Object.entries(value).filter(([, v]) => v !== null);
  if (entries.length === 0) return "(empty)";
  return entries.map(([k, v]) => `${k}: ${itemText(v)}`).join(", ");
}

/** A contact's first e-mail address: a name of last resort. */
function firstAddress(emails: Json | undefined): string | null {
  if (!Array.isArray(emails)) return null;
  for (const entry of emails) {
    if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      const address = entry.address;
      if (typeof address === "string" && address !== "") return address;
    }
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
