/** A pull's page as the protocol's JSON (api/src/sync/wire.ts): what goes out, and only that. */
import type { ChangeRow } from "../../api/src/storage/repository";
import { pullPageText, toWire } from "../../api/src/sync/wire";
import { PullResponse } from "../../src/shared/protocol";

const row = (more: Partial<ChangeRow> = {}): ChangeRow => ({
  type: "contact",
  id: "c1",
  version: 3,
  deleted: false,
  updatedAt: "2026-12-05T10:00:00.000Z",
  updatedBy: "ann@contoso.test",
  seq: 9,
  viewSeq: 7,
  bornSeq: 2,
  diedSeq: 5,
  fieldsJson: JSON.stringify({ givenName: "Ann", department: "Sales" }),
  ...more,
});

test("sends each record as toWire would, and none of the server's bookkeeping", () => {
  const live = row();
  const tombstone = row({ id: "c2", deleted: true });
  const text = pullPageText(
    { records: [live, tombstone], removed: [], cursor: "k", more: false, epoch: "e" },
    "2026-12-05T10:00:01.000Z",
  );
  const json = JSON.parse(text) as { records: object[] };
  const page = PullResponse.parse(json);
  const asStored = (r: ChangeRow) => ({ ...r, fields: JSON.parse(r.fieldsJson), stamps: {} });
  expect(page.records).toEqual([toWire(asStored(live)), toWire(asStored(tombstone))]);
  for (const record of json.records) {
    expect(Object.keys(record).sort()).toEqual(
      ["deleted", "fields", "id", "type", "updatedAt", "updatedBy", "version"].sort(),
    );
  }
  // A tombstone keeps the fields views read in storage, never on the wire.
  expect(page.records[1]?.fields).toEqual({});
});
