/**
 * The item panel looks up only the item's addresses and domains: the same contacts and companies
 * as a full index gives for them.
 */
import fc from "fast-check";
import {
  addressKey,
  companiesByDomain,
  companyForAddress,
  contactsByAddress,
  matchingDomains,
} from "../../../../src/taskpane/item/item-people";
import { view } from "../view-records";

test("the domains a company may match an address by, the top-level one left out", () => {
  expect(matchingDomains("kim@mail.eu.fabrikam.com")).toEqual([
    "mail.eu.fabrikam.com",
    "eu.fabrikam.com",
    "fabrikam.com",
  ]);
  expect(matchingDomains("kim@localhost")).toEqual([]);
  expect(matchingDomains("no address")).toEqual([]);
});

test("contacts by the wanted addresses only, each contact once", () => {
  const ann = view("contact", "ann", {
    emails: [
      { address: " Ann@Contoso.com " },
      { address: "ann@contoso.com" },
      { address: "ann@home.example" },
    ],
  });
  const bob = view("contact", "bob", { emails: [{ address: "ANN@contoso.com" }, "not an e-mail"] });
  const odd = view("contact", "odd", { emails: "ann@contoso.com" });
  const index = contactsByAddress([ann, bob, odd], new Set(["ann@contoso.com"]));
  expect([...index.keys()]).toEqual(["ann@contoso.com"]);
  expect(index.get("ann@contoso.com")?.map((c) => c.id)).toEqual(["ann", "bob"]);
});

const domain = fc.constantFrom("fabrikam.com", "mail.fabrikam.com", "contoso.com", "contoso.co.uk");
const company = fc.record({
  name: fc.constantFrom("Alpha", "Beta", "Zeta"),
  domains: fc.array(domain, { maxLength: 2 }),
  websites: fc.array(
    fc.constantFrom("https://www.fabrikam.com/about", "contoso.com", "http://eu.contoso.co.uk"),
    { maxLength: 2 },
  ),
});

test("companies for the wanted domains are those a full index gives for them", () => {
  fc.assert(
    fc.property(
      fc.array(company, { maxLength: 8 }),
      fc.array(domain, { minLength: 1 }),
      (cs, ds) => {
        const companies = cs.map((fields, i) => view("company", `k${i}`, fields));
        const addresses = ds.map((d) => `someone@${d}`);
        const wanted = new Set(addresses.flatMap(matchingDomains));
        const full = companiesByDomain(companies);
        const lookedUp = companiesByDomain(companies, wanted);
        for (const address of addresses) {
          expect(companyForAddress(address, lookedUp)?.id).toBe(
            companyForAddress(address, full)?.id,
          );
        }
      },
    ),
    { seed: 3, numRuns: 200 },
  );
});

test("contacts for the wanted addresses are those a full index gives for them", () => {
  const contacts = Array.from({ length: 30 }, (_, i) =>
    view("contact", `c${i}`, {
      emails: [{ address: `p${i % 7}@Contoso.com` }, { address: `q${i % 5}@fabrikam.com` }],
    }),
  );
  const wanted = ["p3@contoso.com", "q4@fabrikam.com", "nobody@contoso.com"].map(addressKey);
  const full = contactsByAddress(contacts);
  const lookedUp = contactsByAddress(contacts, new Set(wanted));
  for (const key of wanted) expect(lookedUp.get(key)).toEqual(full.get(key));
});
