/**
 * The benchmark data: `../shared/data/contacts-10k.jsonl` (or BCM_BENCH_DATA), turned into the
 * records a client would push: one company per distinct company name, contacts pointing at
 * it through `companyId`, as an importer does.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Json } from "../src/shared/protocol";

export const DEFAULT_DATA = resolve(__dirname, "../../shared/data/contacts-10k.jsonl");

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
