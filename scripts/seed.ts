/**
 * The sample database `npm start` makes on first run, so that the harness shows a working
 * product at once: the harness user's contacts (the same people who write the harness's sample
 * e-mails), their companies and her groups.
 */
import { SAMPLE_RECORDS, SAMPLE_USER } from "../src/harness/sample-data";
import { ulid } from "../src/shared/ids";
import { devOid } from "../api/src/auth";
import type { Repository } from "../api/src/storage/repository";

export const SAMPLE_DATABASE_NAME = "Contoso (sample)";

/**
 * Makes the sample database unless its owner already belongs to a database. Its owner is an
 * invitation: the first sign-in of the sample address binds it.
 */
export async function seedSampleDatabase(
  repo: Repository,
  now: Date = new Date(),
): Promise<{ name: string; owner: string } | null> {
  const owner = SAMPLE_USER.emailAddress.toLowerCase();
  if ((await repo.listDatabasesOf(owner, devOid(owner))).length > 0) return null;
  const at = now.toISOString();
  const db = await repo.createDatabase({
    id: ulid(now.getTime()),
    name: SAMPLE_DATABASE_NAME,
    owner,
    now: at,
  });
  const head = await repo.readHead(db.id);
  if (!head) throw new Error(`The sample database ${db.id} vanished while being made.`);
  await repo.commit(
    head,
    SAMPLE_RECORDS.map((c) => ({
      prevSeq: null,
      viewChanged: true,
      born: true,
      state: {
        type: c.type,
        id: c.id,
        version: 1,
        deleted: false,
        updatedAt: at,
        updatedBy: owner,
        fields: c.fields,
        stamps: Object.fromEntries(Object.keys(c.fields).map((f) => [f, { at, by: owner }])),
        viewSeq: 0,
        bornSeq: 0,
      },
    })),
  );
  return { name: db.name, owner };
}
