/**
 * A new company named from the sender's domain: the registrable domain (subdomains and country
 * second levels handled), a readable name, never for free mail or an invalid domain; and the
 * company created with the contact, both or neither.
 */
import {
  createWithCompany,
  guessCompany,
  isFreeMail,
  registrableDomain,
} from "../../../../src/taskpane/item/sender-company";
import { client, FakeServer } from "../../sync/engine-helpers";

test("the registrable domain of a host", () => {
  expect(registrableDomain("contoso.com")).toBe("contoso.com");
  expect(registrableDomain("mail.contoso.com")).toBe("contoso.com");
  expect(registrableDomain("a.b.contoso.co.uk")).toBe("contoso.co.uk");
  expect(registrableDomain("contoso.com.au")).toBe("contoso.com.au");
  expect(registrableDomain("co.uk")).toBeNull();
  expect(registrableDomain("localhost")).toBeNull();
  expect(registrableDomain("a..com")).toBeNull();
});

test("a company named from the domain", () => {
  expect(guessCompany("kenji@blueyonderairlines.com")).toEqual({
    name: "Blueyonderairlines",
    domain: "blueyonderairlines.com",
  });
  expect(guessCompany("sofia@sales.adventure-works.co.uk")).toEqual({
    name: "Adventure Works",
    domain: "adventure-works.co.uk",
  });
  expect(guessCompany("Lee@IBM.com")).toEqual({ name: "IBM", domain: "ibm.com" });
});

test("free mail, and addresses without a usable domain, give no company", () => {
  for (const address of [
    "someone@gmail.com",
    "someone@outlook.com",
    "someone@hotmail.co.uk",
    "someone@hotmail.fr",
    "someone@yahoo.fr",
    "someone@yahoo.co.jp",
    "someone@icloud.com",
    "someone@gmx.net",
    "someone@gmx.de",
    "someone@web.de",
    "someone@proton.me",
  ]) {
    expect(isFreeMail(address)).toBe(true);
    expect(guessCompany(address)).toBeNull();
  }
  expect(isFreeMail("someone@fabrikam.com")).toBe(false);
  expect(guessCompany("no-domain")).toBeNull();
  expect(guessCompany("someone@localhost")).toBeNull();
  // Not in xn-- form: not a domain a company record can hold.
  expect(guessCompany("someone@münchen.de")).toBeNull();
});

describe("createWithCompany, on the real engine", () => {
  const contact = { displayName: "Kenji Watanabe", givenName: "Kenji", familyName: "Watanabe" };
  const company = { name: "Blue Yonder Airlines", domains: ["blueyonderairlines.com"] };

  test("creates the company and the contact at it, in one change of the copy", async () => {
    const { engine } = await client(new FakeServer(), "ann@example.com");
    const changes: unknown[] = [];
    engine.subscribe((event) => {
      if (event.type === "changed") changes.push(event);
    });
    expect(await createWithCompany(engine, contact, company)).toMatchObject({ status: "saved" });
    const [made] = engine.records("company");
    expect(made?.fields).toEqual(company);
    expect(engine.records("contact").map((c) => c.fields)).toEqual([
      { ...contact, companyId: made?.id },
    ]);
    expect(changes).toHaveLength(1);
  });

  test("an invalid company or contact leaves nothing behind, and names the field", async () => {
    const { engine } = await client(new FakeServer(), "ann@example.com");
    expect(await createWithCompany(engine, contact, { ...company, name: "  " })).toEqual({
      status: "invalid",
      field: "newCompany",
      message: "Write the new company's name.",
    });
    expect(
      await createWithCompany(engine, contact, { ...company, domains: ["Not A Domain"] }),
    ).toMatchObject({ status: "invalid", field: "newCompany" });
    expect(
      await createWithCompany(engine, { ...contact, jobTitle: "x".repeat(257) }, company),
    ).toMatchObject({ status: "invalid", field: "jobTitle" });
    expect(engine.records("company")).toEqual([]);
    expect(engine.records("contact")).toEqual([]);
  });
});
