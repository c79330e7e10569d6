/**
 * What the pane checks of a backup file before it restores anything (src/client/backup.ts
 * `readBackupFile`, with src/shared/backup.ts), and the name it saves a backup under.
 */
import { countByType, readBackupFile } from "../../../src/client/backup";
import { backupFileName } from "../../../src/taskpane/database/backup-file";

const record = (more: Record<string, unknown> = {}) => ({
  type: "contact",
  id: "c1",
  version: 2,
  updatedAt: "2026-12-01T09:00:00.000Z",
  updatedBy: "ann@contoso.com",
  fields: { displayName: "Margaret Taylor" },
  stamps: { displayName: { at: "2026-12-01T08:59:00Z", by: "ann@contoso.com" } },
  ...more,
});

const file = (more: Record<string, unknown> = {}) => ({
  format: "bcm-backup",
  version: 1,
  database: { id: "db1", name: "Contoso" },
  createdAt: "2026-12-05T10:00:00.000Z",
  members: [{ email: "ann@contoso.com", role: "owner", syncSet: null, subscriptions: [] }],
  syncSets: [],
  records: [record(), record({ type: "history", id: "h1", fields: { kind: "note" }, stamps: {} })],
  ...more,
});

const read = (value: unknown) => readBackupFile(JSON.stringify(value));

test("reads a good file, with a byte order mark too, and counts its records by type", () => {
  const result = readBackupFile(`\uFEFF${JSON.stringify(file())}`);
  expect(result.ok).toBe(true);
  if (result.ok)
    expect(countByType(result.backup)).toEqual({ contact: 1, company: 0, group: 0, history: 1 });
});

test.each<[string, unknown, RegExp]>([
  ["text that is not JSON", "{", /not JSON/],
  ["another file's JSON", { pending: [] }, /not a backup of Business Contact Manager/],
  ["a later version", file({ version: 2 }), /version 2; this version reads version 1/],
  ["a damaged member", file({ members: [{ email: "nope" }] }), /damaged at members\.0\.email/],
  [
    "a field a record may not hold",
    file({ records: [record({ seq: 4 })] }),
    /damaged at records\.0/,
  ],
  [
    "a field's value the field table refuses",
    file({
      records: [
        record(),
        record({ id: "c2", fields: { displayName: "B", birthday: "2023-02-29" } }),
      ],
    }),
    /^Record 2 of the backup: contact c2: birthday/,
  ],
  [
    "a stamp of no field",
    file({ records: [record({ stamps: { notes: { at: "2026-12-01T08:59:00Z", by: "x" } } })] }),
    /stamps\.notes names no field/,
  ],
  ["a record twice", file({ records: [record(), record()] }), /holds contact c1 twice/],
  [
    "a member's sync set it does not define",
    file({
      members: [{ email: "b@contoso.com", role: "reader", syncSet: "North", subscriptions: [] }],
    }),
    /members\.0\.syncSet/,
  ],
])("refuses %s, saying what is wrong", (_, value, problem) => {
  const result = typeof value === "string" ? readBackupFile(value) : read(value);
  expect(result).toEqual({ ok: false, problem: expect.stringMatching(problem) });
});

test("names a backup after the database and the day, without what file names may not hold", () => {
  const day = new Date(2026, 11, 5, 23, 30);
  expect(backupFileName("Contoso partners", day)).toBe(
    "Contoso partners backup 2026-12-05.bcmbackup.json",
  );
  expect(backupFileName('Sales: "North/South" <2026>?', day)).toBe(
    "Sales- -North-South- -2026 backup 2026-12-05.bcmbackup.json",
  );
  expect(backupFileName("...", day)).toBe("database backup 2026-12-05.bcmbackup.json");
});
