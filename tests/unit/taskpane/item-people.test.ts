/**
 * The selected item's people resolved against the copy: addresses matched case-insensitively to
 * any of a contact's e-mails, companies by domain (and by website), the user left out; and the
 * names a new contact gets from a display name.
 */
import type { Fields } from "../../../src/shared/json";
import type { MailItem } from "../../../src/office/office";
import { validateFields } from "../../../src/shared/records";
import type { ViewRecord } from "../../../src/sync/view";
import {
  companiesByDomain,
  companyForAddress,
  contactsByAddress,
  newContactDraft,
  newContactFields,
  peopleOf,
  resolvePeople,
  splitName,
  websiteDomain,
} from "../../../src/taskpane/item/item-people";

function record(type: ViewRecord["type"], id: string, fields: Fields): ViewRecord {
  return { type, id, fields, version: 1, updatedAt: null, pending: false, conflicts: [] };
}

const user = { displayName: "Megan Bowen", emailAddress: "megan.bowen@contoso.com" };

const message: MailItem = {
  itemType: "message",
  itemId: "AAMk1",
  subject: "Q1",
  from: { displayName: "Renée Dubois", emailAddress: "Renee.Dubois@Fabrikam.com" },
  organizer: null,
  to: [{ displayName: "MEGAN BOWEN", emailAddress: "MEGAN.BOWEN@contoso.com" }],
  cc: [
    { displayName: "", emailAddress: "thomas.becker@fabrikam.com" },
    { displayName: "Thomas Becker", emailAddress: "Thomas.Becker@fabrikam.com" },
    { displayName: "Kenji Watanabe", emailAddress: "kenji@cargo.blueyonderairlines.com" },
  ],
  requiredAttendees: [],
  optionalAttendees: [],
  internetMessageId: "<m1@fabrikam.com>",
  conversationId: "c1",
  dateTimeCreated: "2026-11-23T08:42:00.000Z",
  start: null,
  end: null,
};

describe("peopleOf", () => {
  test("gives each address once, sender first, without the user, whatever the case", () => {
    expect(peopleOf(message, user)).toEqual([
      { name: "Renée Dubois", address: "Renee.Dubois@Fabrikam.com", roles: ["from"] },
      { name: "Thomas Becker", address: "thomas.becker@fabrikam.com", roles: ["cc"] },
      { name: "Kenji Watanabe", address: "kenji@cargo.blueyonderairlines.com", roles: ["cc"] },
    ]);
  });

  test("an appointment: organizer first, attendees once, the organizer not twice", () => {
    const appointment: MailItem = {
      ...message,
      itemType: "appointment",
      from: null,
      to: [],
      cc: [],
      organizer: { displayName: "Grace", emailAddress: "grace@wingtiptoys.com" },
      requiredAttendees: [{ displayName: "Grace", emailAddress: "grace@wingtiptoys.com" }, user],
      optionalAttendees: [{ displayName: "Liam", emailAddress: "liam@wingtiptoys.com" }],
    };
    expect(peopleOf(appointment, user).map((p) => [p.address, p.roles])).toEqual([
      ["grace@wingtiptoys.com", ["organizer", "required"]],
      ["liam@wingtiptoys.com", ["optional"]],
    ]);
  });
});

describe("resolvePeople", () => {
  const fabrikam = record("company", "co-fabrikam", {
    name: "Fabrikam",
    domains: ["fabrikam.com"],
  });
  const blueYonder = record("company", "co-by", {
    name: "Blue Yonder Airlines",
    websites: ["https://www.blueyonderairlines.com/cargo"],
  });
  const renee = record("contact", "c-renee", {
    displayName: "Renée Dubois",
    emails: [
      { address: "renee@home.example", label: "home" },
      { address: "renee.dubois@fabrikam.com", label: "work", primary: true },
    ],
  });
  const thomas = record("contact", "c-thomas", {
    displayName: "Thomas Becker",
    companyId: "co-by",
    emails: [{ address: "THOMAS.BECKER@FABRIKAM.COM" }],
  });

  test("matches any of a contact's addresses regardless of case, and companies by domain", () => {
    const companies = [fabrikam, blueYonder];
    const resolved = resolvePeople(
      peopleOf(message, user),
      contactsByAddress([renee, thomas]),
      companies,
      companiesByDomain(companies),
    );
    expect(resolved.map((r) => [r.contacts.map((c) => c.id), r.company?.id ?? null])).toEqual([
      [["c-renee"], "co-fabrikam"],
      // The contact's own company wins over the domain's.
      [["c-thomas"], "co-by"],
      // A subdomain of a website's host.
      [[], "co-by"],
    ]);
  });

  test("a bare top-level domain or another domain matches no company", () => {
    const index = companiesByDomain([fabrikam]);
    expect(companyForAddress("x@mail.fabrikam.com", index)?.id).toBe("co-fabrikam");
    expect(companyForAddress("x@fabrikam.com.evil.example", index)).toBeNull();
    expect(companyForAddress("x@com", index)).toBeNull();
    expect(companyForAddress("not an address", index)).toBeNull();
  });

  test("a domain two companies claim goes to the one naming it in domains, else by name", () => {
    const a = record("company", "a", { name: "Zeta", domains: ["shared.com"] });
    const b = record("company", "b", { name: "Alpha", websites: ["shared.com"] });
    const c = record("company", "c", { name: "Beta", websites: ["http://other.com"] });
    const d = record("company", "d", { name: "Aardvark", websites: ["other.com"] });
    const index = companiesByDomain([c, b, a, d]);
    expect(index.get("shared.com")?.id).toBe("a");
    expect(index.get("other.com")?.id).toBe("d");
  });

  test("websites give their host, and never a non-web scheme", () => {
    expect(websiteDomain("https://www.fabrikam.com/about")).toBe("fabrikam.com");
    expect(websiteDomain("fabrikam.com")).toBe("fabrikam.com");
    expect(websiteDomain("javascript:alert(1)")).toBeNull();
    expect(websiteDomain("ftp://files.fabrikam.com")).toBeNull();
    expect(websiteDomain("")).toBeNull();
  });
});

describe("splitName", () => {
  test.each([
    ["Kenji Watanabe", ["Kenji Watanabe", "Kenji", null, "Watanabe"]],
    ["Watanabe, Kenji", ["Kenji Watanabe", "Kenji", null, "Watanabe"]],
    [
      "Dr. Anna Maria van der Berg",
      ["Dr. Anna Maria van der Berg", "Anna", "Maria", "van der Berg"],
    ],
    ["Martin Luther King Jr.", ["Martin Luther King Jr.", "Martin", "Luther", "King Jr."]],
    ["'Liam O'Brien' (Wingtip)", ["Liam O'Brien", "Liam", null, "O'Brien"]],
    ["Cher", ["Cher", "Cher", null, null]],
    ["王芳", ["王芳", null, null, null]],
  ])("%s", (displayName, [display, given, middle, family]) => {
    expect(splitName(displayName, "someone@example.com")).toEqual({
      displayName: display,
      givenName: given,
      middleName: middle,
      familyName: family,
    });
  });

  test("without a name, the address's local part gives one when it reads as words", () => {
    expect(splitName("", "kenji.watanabe@blueyonderairlines.com")).toMatchObject({
      givenName: "Kenji",
      familyName: "Watanabe",
    });
    expect(splitName("kenji.watanabe@x.com", "kenji.watanabe@x.com")).toMatchObject({
      displayName: "Kenji Watanabe",
    });
    expect(splitName("", "info@x.com")).toEqual({
      displayName: null,
      givenName: null,
      middleName: null,
      familyName: null,
    });
  });
});

describe("newContactFields", () => {
  const person = {
    name: "Kenji Watanabe",
    address: "Kenji@BlueYonder.com",
    roles: ["from" as const],
  };
  const company = record("company", "co-by", { name: "Blue Yonder" });

  test("the draft prefilled from the e-mail makes a valid contact, address kept as sent", () => {
    const draft = newContactDraft(person, company);
    const fields = newContactFields(draft, draft, "Megan.Bowen@contoso.com");
    expect(fields).toEqual({
      givenName: "Kenji",
      familyName: "Watanabe",
      displayName: "Kenji Watanabe",
      fileAs: "Watanabe, Kenji",
      emails: [{ address: "Kenji@BlueYonder.com", label: "work", primary: true }],
      companyId: "co-by",
      owner: "megan.bowen@contoso.com",
    });
    expect(validateFields("contact", fields, "create").ok).toBe(true);
  });

  test("names the user changed make the display name; no company when unticked", () => {
    const draft = newContactDraft(person, company);
    const fields = newContactFields(
      { ...draft, givenName: " Ken ", companyId: null },
      draft,
      "not an address",
    );
    expect(fields).toMatchObject({ givenName: "Ken", displayName: "Ken Watanabe" });
    expect(fields).not.toHaveProperty("companyId");
    expect(fields).not.toHaveProperty("owner");
  });

  test("an unspaced name keeps its display name", () => {
    const draft = newContactDraft(
      { name: "王芳", address: "fang.wang@litwareinc.com", roles: ["from"] },
      null,
    );
    expect(newContactFields(draft, draft, null)).toEqual({
      displayName: "王芳",
      emails: [{ address: "fang.wang@litwareinc.com", label: "work", primary: true }],
    });
  });
});
