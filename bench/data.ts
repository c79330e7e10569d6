/**
 * The benchmark data: `../shared/data/contacts-10k.jsonl` (or BCM_BENCH_DATA), or for another
 * `--size` the same generator's output for that many contacts, turned into the records a client
 * would push: one company per distinct company name, contacts pointing at it through
 * `companyId`, as an importer does.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { resolve } from "node:path";
import type { Json } from "../src/shared/protocol";

const SHARED_DATA = resolve(__dirname, "../../shared/data");
export const DEFAULT_DATA = resolve(SHARED_DATA, "contacts-10k.jsonl");
const GENERATOR = resolve(SHARED_DATA, "gen-contacts.mjs");
/** contacts-10k.jsonl's seed: `gen-contacts.mjs 10000 62` makes it byte for byte. */
const SEED = "62";

/**
 * `bench/.cache/contacts-<size>.jsonl`: `size` contacts made by `../shared/data/gen-contacts.mjs`
 * with contacts-10k.jsonl's seed, the first time it is asked for (kept for later runs).
 */
export function generatedData(size: number): string {
  const file = resolve(__dirname, ".cache", `contacts-${size}.jsonl`);
  if (existsSync(file)) return file;
  if (!existsSync(GENERATOR)) {
    throw new Error(
      `--size ${size} makes its contacts with ${GENERATOR}, which is not there: the bench's data ` +
        `comes from the shared folder beside this repository (../shared/data, see its README.md). ` +
        `Put it there, or set BCM_BENCH_DATA to a .jsonl file of ${size} contacts.`,
    );
  }
  console.log(`Making ${size} contacts into ${file} (node gen-contacts.mjs ${size} ${SEED})…`);
  mkdirSync(resolve(__dirname, ".cache"), { recursive: true });
  // Written aside and renamed once complete, so that a run cut short leaves no partial file.
  const partial = `${file}.partial`;
  const out = openSync(partial, "w");
  try {
    const made = spawnSync(process.execPath, [GENERATOR, String(size), SEED], {
      stdio: ["ignore", out, "inherit"],
    });
    if (made.status !== 0) {
      rmSync(partial, { force: true });
      throw new Error(`${GENERATOR} failed (${made.error?.message ?? `exit ${made.status}`})`);
    }
  } finally {
    closeSync(out);
  }
  renameSync(partial, file);
  return file;
}

export interface BenchRecord {
  type: "contact" | "company";
  id: string;
  fields: Record<string, Json>;
}

export function loadContacts(file = process.env.BCM_BENCH_DATA ?? DEFAULT_DATA): BenchRecord[] {
  if (!existsSync(file)) {
    throw new Error(
      `The benchmark data is not at ${file}. Set BCM_BENCH_DATA to a contacts .jsonl file (see shared/data/README.md).`,
    );
  }
  const companies = new Map<string, BenchRecord>();
  const contacts: BenchRecord[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const {
      id,
      company,
      createdAt: _c,
      updatedAt: _u,
      ...fields
    } = JSON.parse(line) as Record<string, Json> & { id: string; company?: string };
    if (company) {
      let record = companies.get(company);
      if (!record) {
        const companyId = `co-${createHash("sha256").update(company).digest("hex").slice(0, 20)}`;
        record = { type: "company", id: companyId, fields: { name: company } };
        companies.set(company, record);
      }
      fields.companyId = record.id;
    }
    contacts.push({ type: "contact", id, fields });
  }
  return [...companies.values(), ...contacts];
}
