/**
 * Companies from the organization names of imported contacts: one company per name, case and
 * spacing ignored, so that "Contoso", "CONTOSO" and " Contoso  " make one. ./index.ts calls it
 * for both readers; the pane uses {@link companyKey} to match them to existing companies.
 */
import type { ImportedCompany, ImportedContact } from "./types";

/**
 * The key two organization names share when they name the same company: Unicode-normalized
 * (NFKC, so full-width and composed forms match), spaces collapsed, trimmed, lower-cased.
 */
export function companyKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
}

/**
 * One company per distinct `companyName` of `contacts` (by {@link companyKey}), in the order
 * first met, named as first written (trimmed). Contacts without a name give none.
 */
export function companiesOf(contacts: readonly ImportedContact[]): ImportedCompany[] {
  const byKey = new Map<string, ImportedCompany>();
  for (const { companyName } of contacts) {
    if (companyName === undefined) continue;
    const key = companyKey(companyName);
    if (key !== "" && !byKey.has(key)) byKey.set(key, { fields: { name: companyName.trim() } });
  }
  return [...byKey.values()];
}
