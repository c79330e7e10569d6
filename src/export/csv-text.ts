/**
 * CSV text for the exports: RFC 4180 through papaparse (a value with a separator, a quote or a
 * line break is quoted, quotes doubled), CRLF between records, and a UTF-8 byte order mark in
 * front, so that Excel and Outlook's import on Windows read the file as UTF-8 rather than in
 * the computer's ANSI code page (without it, "Müller" comes back as "MÃ¼ller"). The pane
 * writes the string as UTF-8; the import strips the mark again.
 *
 * A value that starts with `=` or `@` gets an apostrophe in front: a spreadsheet would run it
 * as a formula (CSV injection). `+` and `-` are left alone: phone numbers start with them.
 */
import Papa from "papaparse";

/** The CSV text of a header row and its records, with the byte order mark. */
export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const text = Papa.unparse(
    { fields: [...headers], data: rows.map((r) => [...r]) },
    { newline: "\r\n", escapeFormulae: /^[=@]/ },
  );
  // papaparse ends the header row of an empty file with a line break, not the last record.
  return `\uFEFF${text.replace(/\r\n$/, "")}\r\n`;
}
