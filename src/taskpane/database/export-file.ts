/**
 * The files the pane saves: "Export changes" (the engine's export as JSON) and the export of
 * contacts, companies and groups, named after the database, what they hold and the day
 * (`Contoso-partners-changes-2026-11-26.json`), so that several exports sort by date.
 */

/**
 * `<database name>-<what>-<YYYY-MM-DD>.<extension>` (by default `changes` and `json`), the name
 * kept to letters, digits and dashes.
 */
export function exportFileName(
  databaseName: string,
  date: Date,
  what = "changes",
  extension = "json",
): string {
  const name =
    databaseName
      .normalize("NFC")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "database";
  return `${name}-${what}-${localDay(date)}.${extension}`;
}

/** The day of `date` on this computer, `YYYY-MM-DD`, for file names that sort by date. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Saves `data` as a JSON file through the browser's download, indented for people to read
 * (`indent` 0 for a large file meant for a program, such as a backup).
 */
export function downloadJson(fileName: string, data: unknown, indent = 2): void {
  const text = JSON.stringify(data, null, indent);
  downloadBlob(fileName, new Blob([text], { type: "application/json" }));
}

/** Saves `blob` as a file through the browser's download (an object URL, then revoked). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
