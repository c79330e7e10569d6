/** The name of a backup file: `<database name> backup <YYYY-MM-DD>.bcmbackup.json`. */
import { localDay } from "./export-file";

/** Characters no file name may hold on Windows, macOS or Linux. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

export const BACKUP_EXTENSION = ".bcmbackup.json";

export function backupFileName(databaseName: string, date: Date): string {
  const name =
    databaseName
      .normalize("NFC")
      .replace(NOT_IN_FILE_NAMES, "-")
      .replace(/^[\s.-]+|[\s.-]+$/g, "")
      .slice(0, 80) || "database";
  return `${name} backup ${localDay(date)}${BACKUP_EXTENSION}`;
}
