/**
 * What the "needs attention" list shows of a change the shared database refused: the change in
 * words, the server's reason, and, when the server named a field, that field as an editable
 * value (text, lines, a number, yes/no, or JSON for the rest), read back into a value to retry.
 */
import type { ErrorBody, Json, Mutation } from "../../shared/protocol";
import { ErrorCode, RejectCode } from "../../shared/errors";
import { fieldLabel } from "../../shared/records";
import { fieldPathLabel, typeName } from "./record-text";

type RejectionError = ErrorBody["error"];

/** A short title for the reason, and what the user can do about it. */
export function reasonText(error: RejectionError): { title: string; advice: string } {
  const where = error.field ? fieldPathLabel(error.field) : null;
  switch (error.code) {
    case RejectCode.InvalidField:
      return {
        title: where ? `Refused value: ${where}` : "A value was refused",
        advice: "Correct the value and try again, or discard the change.",
      };
    case RejectCode.OutsideSyncSet:
      return {
        title: "Outside your sync set",
        advice:
          "This record is no longer part of the contacts your copy holds, so you cannot change it. Ask an owner to add it to your subscriptions, then try again; or discard the change.",
      };
    case ErrorCode.Forbidden:
      return {
        title: "You may not change this database",
        advice:
          "You can read this database but not change it. Ask an owner to make you an editor, then try again; or discard the change.",
      };
    case RejectCode.NotFound:
      return {
        title: "No longer in the shared database",
        advice: "Someone else removed it for good. Discard the change.",
      };
    case RejectCode.TooLarge:
      return {
        title: "Too large",
        advice: "Shorten the longest values and try again, or discard the change.",
      };
    case "unknown_outcome":
      return {
        title: "The answer was lost",
        advice:
          "The database most likely refused this change. Try again to send it anew, or discard it.",
      };
    default:
      return {
        title: where ? `Refused: ${where}` : "Refused by the shared database",
        advice: "Try again, or discard the change.",
      };
  }
}

/** "Deletion", "New contact: First name, Last name", "Change of Job title". */
export function changeSummary(mutation: Mutation): string {
  if (mutation.op === "delete") return `Deletion of this ${typeName(mutation.type)}`;
  const fields = Object.keys(mutation.fields).map(fieldLabel).join(", ");
  if (mutation.baseVersion === null) return `New ${typeName(mutation.type)}: ${fields}`;
  return `Change of ${fields}`;
}

/** How a refused field is edited: one line of text, a number, yes/no, one item a line, or JSON. */
export type EditKind = "text" | "number" | "yesno" | "lines" | "json";

export interface EditableField {
  readonly field: string;
  readonly kind: EditKind;
  /** The value the refused change sent (null when it cleared the field or did not send it). */
  readonly value: Json;
}

const NUMBER_FIELDS = new Set(["durationMinutes", "fileSize"]);
const YESNO_FIELDS = new Set(["completed"]);
const LIST_FIELDS = new Set([
  "categories",
  "websites",
  "domains",
  "groupIds",
  "memberIds",
  "contactIds",
  "notDuplicateOf",
]);

/**
 * The fields the user can correct before trying a refused edit or create again: each field the
 * change set, the one the server named first (`fields.emails.2.address` → `emails`, added
 * when the change did not set it: the record's rules may need it). None for a delete.
 */
export function editableFields(mutation: Mutation, error: RejectionError): EditableField[] {
  if (mutation.op !== "upsert") return [];
  const named = error.field?.startsWith("fields.")
    ? error.field.slice("fields.".length).split(".")[0]
    : undefined;
  const names = Object.keys(mutation.fields);
  if (named) {
    const at = names.indexOf(named);
    if (at >= 0) names.splice(at, 1);
    names.unshift(named);
  }
  return names.map((field) => {
    const value = mutation.fields[field] ?? null;
    return { field, kind: kindOf(field, value), value };
  });
}

function kindOf(field: string, value: Json): EditKind {
  if (NUMBER_FIELDS.has(field)) return "number";
  if (YESNO_FIELDS.has(field)) return "yesno";
  if (LIST_FIELDS.has(field)) return "lines";
  return value === null || typeof value === "string" ? "text" : "json";
}

/** The top-level field of a path the engine or the server names (`emails.0.address` → `emails`). */
export function topField(path: string): string {
  return path.replace(/^fields\./, "").split(".")[0] ?? "";
}

/** The text an editor starts with. */
export function initialText(edit: EditableField): string {
  const { kind, value } = edit;
  if (value === null) return "";
  switch (kind) {
    case "text":
    case "number":
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
    case "yesno":
      return value === true ? "yes" : "no";
    case "lines":
      return Array.isArray(value)
        ? value.map((v) => (typeof v === "string" ? v : "")).join("\n")
        : "";
    case "json":
      return JSON.stringify(value, null, 2);
  }
}

/**
 * The edited text as the field's value: empty clears the field (null); a number must be one; a
 * list is one item a line (blank lines left out); JSON must parse.
 */
export function parseEdited(
  kind: EditKind,
  text: string,
): { ok: true; value: Json } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  switch (kind) {
    case "text":
      return { ok: true, value: text };
    case "number": {
      const n = Number(trimmed);
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: "Enter a number, or leave it empty to clear the field." };
    }
    case "yesno":
      return { ok: true, value: trimmed === "yes" };
    case "lines":
      return {
        ok: true,
        value: trimmed
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== ""),
      };
    case "json":
      try {
        return { ok: true, value: JSON.parse(trimmed) as Json };
      } catch {
        return { ok: false, message: "This is not valid JSON: check quotes, commas and brackets." };
      }
  }
}
