import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { WireRecord, type RecordType } from "../../src/shared/protocol";
import {
  CompanyFields,
  ContactFields,
  GroupFields,
  HistoryFields,
  RECORD_MAX_BYTES,
  historyIdForMessage,
  recordSize,
  validateFields,
} from "../../src/shared/records";

// The shared test data lives beside the repository, not in it: `npm test` must pass without it.
const DATA = path.resolve(__dirname, "../../../shared/data/contacts-10k.jsonl");
const withData = existsSync(DATA) ? it : it.skip;
if (!existsSync(DATA)) console.warn(`${DATA} is absent: the contacts-10k data test did not run.`);

const x = (n: number) => "x".repeat(n);
const list = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

const contact = {
  givenName: "Margaret",
  middleName: "S.",
  familyName: "Taylor",
  displayName: "Margaret S. Taylor",
  fileAs: "Taylor, Margaret",
  companyId: "01JD3XQ5Z8K2M4N6P8R0S2T4V6",
  jobTitle: "Head of Purchasing",
  department: "Procurement",
  emails: [
    { address: "margaret.taylor@adventure-works.com", label: "work", primary: true },
    { address: "Maggie.T@Outlook.com", label: "home", primary: false },
  ],
  phones: [
    { number: "+44 20 5077 7052", label: "work" },
    { number: "1-800-FLOWERS x12", label: "Assistant" },
  ],
  addresses: [
    {
      label: "work",
      street: "5087 Queen Ave\nFloor 3",
      city: "London",
      region: "England",
      postalCode: "TJ8 4TQ",
      country: "United Kingdom",
    },
  ],
  websites: ["https://adventure-works.com", "javascript:alert(1)"],
  categories: ["Investor", "Follow up"],
  notes: "Prefers calls before 10:00.",
  birthday: "1964-02-29",
  owner: "ann@contoso.com",
  groupIds: ["g-newsletter", "g-trade-show"],
  notDuplicateOf: ["01JD9W2N6S3C4X5V6B7N8M9P0Q"],
  doNotContact: { call: false, email: false, mail: true },
  custom: {
    "Referred by": { type: "text", value: "Ben Hughes" },
    Employees: { type: "number", value: 1200 },
    "Annual spend": { type: "currency", value: 125000.5, currency: "GBP" },
    "Trade show": { type: "yesno", value: true },
    "Last visit": { type: "date", value: "2026-10-02" },
    Tier: { type: "choice", value: "Gold", options: ["Gold", "Silver", "Bronze"] },
  },
  importId: "imp-01JD3XQ5Z8K2M4N6P8R0S2T4V9",
};

const company = {
  name: "Adventure Works",
  domains: ["adventure-works.com", "xn--mller-kva.de"],
  phones: [{ number: "+44 20 5077 7000", label: "work" }],
  addresses: [{ label: "work", city: "London", country: "United Kingdom" }],
  websites: ["https://adventure-works.com"],
  industry: "Retail",
  categories: ["Key account"],
  notes: "",
  owner: "ann@contoso.com",
  importId: "imp-01JD3XQ5Z8K2M4N6P8R0S2T4V9",
};

const group = {
  name: "Trade show 2026",
  description: "People we met at the stand.",
  memberIds: ["01JD3XQ5Z8K2M4N6P8R0S2T4V6", "01JD3XQ5Z8K2M4N6P8R0S2T4V7"],
  importId: "imp-01JD3XQ5Z8K2M4N6P8R0S2T4V9",
};

const history = {
  kind: "email",
  subject: "Re: Offer for Q1",
  when: "2026-11-26T10:00:00.000+01:00",
  durationMinutes: 0,
  direction: "incoming",
  contactIds: ["01JD3XQ5Z8K2M4N6P8R0S2T4V6"],
  companyId: "01JD3XQ5Z8K2M4N6P8R0S2T4V8",
  participants: [
    { name: "Margaret Taylor", email: "margaret.taylor@adventure-works.com" },
    { name: "Ann Lee", email: "ann@contoso.com" },
  ],
  internetMessageId: "<CAF=abc.123@mail.adventure-works.com>",
  conversationId: "AAQkAGI2TG93AAA=",
  itemIdHint: "AAMkAGI2TG93AAA=",
  snippet: "Thanks, the offer looks good…",
  body: "Thanks, the offer looks good. Let us talk on Monday.",
  linkedBy: "ann@contoso.com",
  dueDate: "2026-12-01",
  completed: false,
  priority: "high",
  fileName: "offer.pdf",
  fileSize: 48213,
};

const examples: Record<RecordType, Record<string, unknown>> = { contact, company, group, history };
const shapes: Record<RecordType, Record<string, unknown>> = {
  contact: ContactFields.shape,
  company: CompanyFields.shape,
  group: GroupFields.shape,
  history: HistoryFields.shape,
};
const types = Object.keys(examples) as RecordType[];

describe("validateFields", () => {
  it.each(types)("accepts a full %s and gives its fields back unchanged", (type) => {
    expect(validateFields(type, examples[type], "create")).toStrictEqual({
      ok: true,
      fields: examples[type],
    });
  });

  it.each(types)("has a full %s example holding every field", (type) => {
    expect(Object.keys(examples[type]).sort()).toEqual(Object.keys(shapes[type]).sort());
  });

  const custom = (value: unknown) => ({ custom: { Tier: value } });
  it.each<[string, RecordType, unknown, string]>([
    ["a long givenName", "contact", { givenName: x(257) }, "givenName"],
    ["a long middleName", "contact", { middleName: x(257) }, "middleName"],
    ["a long familyName", "contact", { familyName: x(257) }, "familyName"],
    ["a long displayName", "contact", { displayName: x(257) }, "displayName"],
    ["a long fileAs", "contact", { fileAs: x(257) }, "fileAs"],
    ["a long jobTitle", "contact", { jobTitle: x(257) }, "jobTitle"],
    ["a long department", "contact", { department: x(257) }, "department"],
    ["a number as text", "contact", { givenName: 7 }, "givenName"],
    ["a companyId with a slash", "contact", { companyId: "a/b" }, "companyId"],
    ["a companyId of 65 characters", "contact", { companyId: x(65) }, "companyId"],
    ["an empty companyId", "contact", { companyId: "" }, "companyId"],
    ["21 e-mails", "contact", { emails: list(21, (i) => ({ address: `a${i}@x.com` })) }, "emails"],
    ["a bad address", "contact", { emails: [{ address: "ann at x.com" }] }, "emails.0.address"],
    [
      "an address of 255 characters",
      "contact",
      { emails: [{ address: "a@x.com" }, { address: `${x(249)}@x.com` }] },
      "emails.1.address",
    ],
    ["an e-mail without address", "contact", { emails: [{ label: "work" }] }, "emails.0.address"],
    [
      "a long e-mail label",
      "contact",
      { emails: [{ address: "a@x.com", label: x(41) }] },
      "emails.0.label",
    ],
    [
      "a primary that is not boolean",
      "contact",
      { emails: [{ address: "a@x.com", primary: "yes" }] },
      "emails.0.primary",
    ],
    [
      "two primary e-mails",
      "contact",
      {
        emails: [
          { address: "a@x.com", primary: true },
          { address: "b@x.com" },
          { address: "c@x.com", primary: true },
        ],
      },
      "emails.2.primary",
    ],
    ["21 phones", "contact", { phones: list(21, () => ({ number: "1" })) }, "phones"],
    [
      "a number of 41 characters",
      "contact",
      { phones: [{ number: "1".repeat(41) }] },
      "phones.0.number",
    ],
    ["a number with markup", "contact", { phones: [{ number: "555<b>1</b>" }] }, "phones.0.number"],
    [
      "a number without digits",
      "contact",
      { phones: [{ number: "call reception" }] },
      "phones.0.number",
    ],
    [
      "a long phone label",
      "contact",
      { phones: [{ number: "1", label: x(41) }] },
      "phones.0.label",
    ],
    ["11 addresses", "contact", { addresses: list(11, () => ({ city: "Oslo" })) }, "addresses"],
    ["a long street", "contact", { addresses: [{ street: x(1001) }] }, "addresses.0.street"],
    ["a long city", "contact", { addresses: [{ city: x(257) }] }, "addresses.0.city"],
    ["a long region", "contact", { addresses: [{ region: x(257) }] }, "addresses.0.region"],
    [
      "a long postalCode",
      "contact",
      { addresses: [{ postalCode: x(41) }] },
      "addresses.0.postalCode",
    ],
    ["a long country", "contact", { addresses: [{ country: x(257) }] }, "addresses.0.country"],
    ["a long address label", "contact", { addresses: [{ label: x(41) }] }, "addresses.0.label"],
    ["11 websites", "contact", { websites: list(11, () => "https://x.com") }, "websites"],
    ["a long website", "contact", { websites: [x(2049)] }, "websites.0"],
    ["51 categories", "contact", { categories: list(51, (i) => `c${i}`) }, "categories"],
    ["a long category", "contact", { categories: [x(101)] }, "categories.0"],
    ["an empty category", "contact", { categories: [""] }, "categories.0"],
    [
      "a category twice, in other case",
      "contact",
      { categories: ["VIP", "Press", "vip"] },
      "categories.2",
    ],
    ["long notes", "contact", { notes: x(32_001) }, "notes"],
    ["February 29 of a common year", "contact", { birthday: "2023-02-29" }, "birthday"],
    ["a 13th month", "contact", { birthday: "1990-13-01" }, "birthday"],
    ["a date without leading zeros", "contact", { birthday: "1990-1-1" }, "birthday"],
    ["a date-time as birthday", "contact", { birthday: "1990-01-01T00:00:00Z" }, "birthday"],
    ["an owner that is no e-mail", "contact", { owner: "ann" }, "owner"],
    ["101 groupIds", "contact", { groupIds: list(101, (i) => `g${i}`) }, "groupIds"],
    ["a groupId twice", "contact", { groupIds: ["g1", "g2", "g1"] }, "groupIds.2"],
    ["a bad groupId", "contact", { groupIds: ["g 1"] }, "groupIds.0"],
    [
      "201 notDuplicateOf ids",
      "contact",
      { notDuplicateOf: list(201, (i) => `c${i}`) },
      "notDuplicateOf",
    ],
    [
      "a doNotContact that is not boolean",
      "contact",
      { doNotContact: { call: "no" } },
      "doNotContact.call",
    ],
    ["an unknown doNotContact way", "contact", { doNotContact: { fax: true } }, "doNotContact.fax"],
    [
      "101 custom fields",
      "contact",
      { custom: Object.fromEntries(list(101, (i) => [`f${i}`, { type: "yesno", value: true }])) },
      "custom",
    ],
    [
      "a custom name of 65 characters",
      "contact",
      { custom: { [x(65)]: { type: "yesno", value: true } } },
      `custom.${x(65)}`,
    ],
    [
      "an empty custom name",
      "contact",
      { custom: { "": { type: "yesno", value: true } } },
      "custom.",
    ],
    [
      "a custom field named __proto__",
      "contact",
      JSON.parse('{"custom": {"__proto__": {"type": "text", "value": "x"}}}'),
      "custom.__proto__",
    ],
    [
      "an unknown custom type",
      "contact",
      custom({ type: "colour", value: "red" }),
      "custom.Tier.type",
    ],
    ["a custom value without type", "contact", custom({ value: "red" }), "custom.Tier.type"],
    [
      "a long custom text",
      "contact",
      custom({ type: "text", value: x(4001) }),
      "custom.Tier.value",
    ],
    [
      "a custom number as text",
      "contact",
      custom({ type: "number", value: "12" }),
      "custom.Tier.value",
    ],
    [
      "a lower-case currency",
      "contact",
      custom({ type: "currency", value: 1, currency: "eur" }),
      "custom.Tier.currency",
    ],
    [
      "a currency without code",
      "contact",
      custom({ type: "currency", value: 1 }),
      "custom.Tier.currency",
    ],
    ["a yesno as text", "contact", custom({ type: "yesno", value: "yes" }), "custom.Tier.value"],
    [
      "a custom date that does not exist",
      "contact",
      custom({ type: "date", value: "2026-02-30" }),
      "custom.Tier.value",
    ],
    ["a long choice", "contact", custom({ type: "choice", value: x(201) }), "custom.Tier.value"],
    [
      "101 choice options",
      "contact",
      custom({ type: "choice", value: "a", options: list(101, String) }),
      "custom.Tier.options",
    ],
    [
      "a stray key in a custom value",
      "contact",
      custom({ type: "yesno", value: true, note: "" }),
      "custom.Tier.note",
    ],

    ["a long company name", "company", { name: x(257) }, "name"],
    ["21 domains", "company", { domains: list(21, (i) => `d${i}.com`) }, "domains"],
    ["a domain in capitals", "company", { domains: ["Contoso.com"] }, "domains.0"],
    ["a domain without a dot", "company", { domains: ["contoso"] }, "domains.0"],
    ["a domain with a scheme", "company", { domains: ["https://contoso.com"] }, "domains.0"],
    ["a label starting with a hyphen", "company", { domains: ["-contoso.com"] }, "domains.0"],
    ["a domain twice", "company", { domains: ["contoso.com", "contoso.com"] }, "domains.1"],
    ["a long industry", "company", { industry: x(257) }, "industry"],
    ["a bad company phone", "company", { phones: [{ number: "n/a" }] }, "phones.0.number"],
    ["a long company address", "company", { addresses: [{ city: x(257) }] }, "addresses.0.city"],
    ["a long company website", "company", { websites: [x(2049)] }, "websites.0"],
    ["company categories twice", "company", { categories: ["A", "a"] }, "categories.1"],
    ["long company notes", "company", { notes: x(32_001) }, "notes"],
    ["a bad company owner", "company", { owner: "@x.com" }, "owner"],

    ["a long group name", "group", { name: x(257) }, "name"],
    ["a long description", "group", { description: x(4001) }, "description"],
    ["5001 members", "group", { memberIds: list(5001, (i) => `c${i}`) }, "memberIds"],
    ["a member twice", "group", { memberIds: ["c1", "c1"] }, "memberIds.1"],

    ["an unknown kind", "history", { kind: "fax" }, "kind"],
    ["a long subject", "history", { subject: x(1001) }, "subject"],
    ["a date as when", "history", { when: "2026-11-26" }, "when"],
    ["a when without a zone", "history", { when: "2026-11-26T10:00:00" }, "when"],
    ["a when without seconds", "history", { when: "2026-11-26T10:00Z" }, "when"],
    ["a when that does not exist", "history", { when: "2026-02-30T10:00:00Z" }, "when"],
    ["a negative duration", "history", { durationMinutes: -1 }, "durationMinutes"],
    ["a duration over 100000", "history", { durationMinutes: 100_001 }, "durationMinutes"],
    ["a fractional duration", "history", { durationMinutes: 1.5 }, "durationMinutes"],
    ["an unknown direction", "history", { direction: "sideways" }, "direction"],
    ["501 contactIds", "history", { contactIds: list(501, (i) => `c${i}`) }, "contactIds"],
    ["a bad history companyId", "history", { companyId: "a b" }, "companyId"],
    [
      "501 participants",
      "history",
      { participants: list(501, () => ({ name: "A" })) },
      "participants",
    ],
    [
      "a bad participant e-mail",
      "history",
      { participants: [{ email: "nobody" }] },
      "participants.0.email",
    ],
    [
      "a long participant name",
      "history",
      { participants: [{ name: x(257) }] },
      "participants.0.name",
    ],
    ["a long internetMessageId", "history", { internetMessageId: x(999) }, "internetMessageId"],
    ["a long conversationId", "history", { conversationId: x(513) }, "conversationId"],
    ["a long itemIdHint", "history", { itemIdHint: x(513) }, "itemIdHint"],
    ["a long snippet", "history", { snippet: x(501) }, "snippet"],
    ["a long body", "history", { body: x(32_001) }, "body"],
    ["a bad linkedBy", "history", { linkedBy: "ann@" }, "linkedBy"],
    ["a bad dueDate", "history", { dueDate: "2026-12-32" }, "dueDate"],
    ["a completed that is not boolean", "history", { completed: 1 }, "completed"],
    ["an unknown priority", "history", { priority: "urgent" }, "priority"],
    ["a long fileName", "history", { fileName: x(256) }, "fileName"],
    ["a negative fileSize", "history", { fileSize: -1 }, "fileSize"],
    ["a fractional fileSize", "history", { fileSize: 0.5 }, "fileSize"],
  ])("rejects %s (%s) at the right field", (_, type, fields, field) => {
    const result = validateFields(type, fields, "update");
    expect(result).toMatchObject({ ok: false, field });
    if (!result.ok)
      expect(result.message).toMatch(new RegExp(`^${escapeRegExp(field)} .+\\.$`, "s"));
  });

  it.each<[string, RecordType, unknown]>([
    ["256 characters in a name", "contact", { givenName: x(256) }],
    [
      "256 astral characters in a name, 512 UTF-16 units",
      "contact",
      { givenName: "𠀀".repeat(256) },
    ],
    ["32,000 emoji in notes", "contact", { notes: "😀".repeat(32_000) }],
    ["20 e-mails", "contact", { emails: list(20, (i) => ({ address: `a${i}@x.com` })) }],
    ["an address of 254 characters", "contact", { emails: [{ address: `${x(248)}@x.com` }] }],
    ["a number of 40 characters", "contact", { phones: [{ number: "1".repeat(40) }] }],
    ["February 29 of a leap year", "contact", { birthday: "2000-02-29" }],
    [
      "100 custom fields",
      "contact",
      { custom: Object.fromEntries(list(100, (i) => [`f${i}`, { type: "yesno", value: true }])) },
    ],
    [
      "a choice without options",
      "contact",
      { custom: { Tier: { type: "choice", value: "Gold" } } },
    ],
    [
      "a value outside its options",
      "contact",
      { custom: { Tier: { type: "choice", value: "Tin", options: ["Gold"] } } },
    ],
    [
      "a negative amount",
      "contact",
      { custom: { Due: { type: "currency", value: -12.5, currency: "EUR" } } },
    ],
    ["5000 members", "group", { memberIds: list(5000, (i) => `c${i}`) }],
    ["a duration of 100000", "history", { durationMinutes: 100_000 }],
    ["a when in UTC with milliseconds", "history", { when: "2026-11-26T09:00:00.123Z" }],
    ["a file of 0 bytes", "history", { fileSize: 0 }],
    ["a null direction", "history", { direction: null }],
  ])("accepts %s", (_, type, fields) => {
    expect(validateFields(type, fields, "update")).toStrictEqual({ ok: true, fields });
  });

  describe.each(types)("on a %s", (type) => {
    it.each(Object.keys(shapes[type]))("accepts null for %s, which clears it", (name) => {
      expect(validateFields(type, { [name]: null }, "update")).toStrictEqual({
        ok: true,
        fields: { [name]: null },
      });
    });

    it("rejects an unknown field, naming it", () => {
      expect(validateFields(type, { nickname: "Mags" }, "update")).toStrictEqual({
        ok: false,
        field: "nickname",
        message: `nickname is not a ${type} field.`,
      });
    });

    it.each([[[]], ["Ann"], [null], [7]])("rejects fields that are not an object: %j", (fields) => {
      expect(validateFields(type, fields, "update")).toMatchObject({ ok: false, field: "" });
    });
  });

  it("rejects an unknown field inside an item, naming its path", () => {
    const result = validateFields(
      "contact",
      { emails: [{ address: "a@x.com", type: "work" }] },
      "update",
    );
    expect(result).toStrictEqual({
      ok: false,
      field: "emails.0.type",
      message: "emails.0.type is not a known field.",
    });
  });

  it.each<[RecordType, string, string]>([
    ["contact", "givenName", "notes"],
    ["company", "name", "industry"],
    ["group", "name", "description"],
    ["history", "subject", "body"],
  ])('keeps "" and surrounding spaces in %s text fields as sent', (type, a, b) => {
    const fields = { [a]: "", [b]: "  two spaces  " };
    expect(validateFields(type, fields, "update")).toStrictEqual({ ok: true, fields });
  });

  it("keeps e-mail addresses in the case they were sent", () => {
    const fields = { emails: [{ address: "Ann.Lee@Contoso.COM" }], owner: "Ann@Contoso.com" };
    expect(validateFields("contact", fields, "update")).toStrictEqual({ ok: true, fields });
  });

  describe("required fields", () => {
    it.each<[RecordType, string]>([
      ["company", "name"],
      ["group", "name"],
      ["history", "kind"],
    ])("a %s needs %s on create, present and not null", (type, field) => {
      const message = `${field} is required to create a ${type}.`;
      expect(validateFields(type, {}, "create")).toStrictEqual({ ok: false, field, message });
      expect(validateFields(type, { [field]: null }, "create")).toStrictEqual({
        ok: false,
        field,
        message,
      });
    });

    it.each(types)("a %s update may carry any subset of fields, even none", (type) => {
      expect(validateFields(type, {}, "update")).toStrictEqual({ ok: true, fields: {} });
    });

    it("a contact needs nothing on create", () => {
      expect(validateFields("contact", {}, "create")).toStrictEqual({ ok: true, fields: {} });
    });

    it('a company named "" is a company with a name', () => {
      expect(validateFields("company", { name: "" }, "create")).toMatchObject({ ok: true });
    });
  });

  describe("Unicode", () => {
    it.each<[string, unknown, string]>([
      ["a name", { givenName: "Ann\uD800" }, "givenName"],
      ["a trailing low half", { notes: "ok \uDE00" }, "notes"],
      ["an e-mail label", { emails: [{ address: "a@x.com", label: "\uDBFF" }] }, "emails.0.label"],
      ["a category", { categories: ["\uD83D"] }, "categories.0"],
      [
        "a custom field name",
        { custom: { "\uD800": { type: "yesno", value: true } } },
        "custom.\uD800",
      ],
      [
        "a custom text",
        { custom: { Note: { type: "text", value: "\uDC00" } } },
        "custom.Note.value",
      ],
    ])("rejects a lone surrogate in %s", (_, fields, field) => {
      const result = validateFields("contact", fields, "update");
      expect(result).toMatchObject({ ok: false, field });
      if (!result.ok) expect(result.message).toContain("lone surrogate");
    });

    it("accepts CJK, right-to-left scripts, combining marks and emoji, kept as sent", () => {
      const fields = {
        givenName: "太郎",
        familyName: "山田",
        displayName: "محمد الأحمد",
        fileAs: "כהן, דנה",
        jobTitle: "Ingénieure\u0301",
        notes: "Met at the fair 🎉👩🏽‍💻🇯🇵 — 下次再聊",
        categories: ["客户", "عميل"],
        addresses: [{ city: "東京都", country: "日本" }],
        custom: { ملاحظة: { type: "text", value: "שלום 👋" } },
      };
      expect(validateFields("contact", fields, "create")).toStrictEqual({ ok: true, fields });
    });
  });

  withData("accepts every contact of contacts-10k.jsonl after the loader's transformation", () => {
    const lines = readFileSync(DATA, "utf8")
      .split("\n")
      .filter((line) => line !== "");
    expect(lines.length).toBe(10_000);
    const failures = lines.flatMap((line, i) => {
      // The loader turns `company` into a companyId and keeps id and timestamps outside fields.
      const fields = JSON.parse(line) as Record<string, unknown>;
      for (const key of ["id", "createdAt", "updatedAt", "company"]) delete fields[key];
      const result = validateFields("contact", fields, "create");
      return result.ok ? [] : [`line ${i + 1}: ${result.message}`];
    });
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it("accepts the example record of each type in docs/records.md", () => {
    const md = readFileSync(path.resolve(__dirname, "../../docs/records.md"), "utf8");
    const records = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
      WireRecord.parse(JSON.parse(m[1] ?? "")),
    );
    expect(records.map((r) => r.type)).toEqual(types);
    for (const r of records)
      expect(validateFields(r.type, r.fields, "create")).toMatchObject({ ok: true });
  });

  it("never throws, whatever JSON it is given", () => {
    const anyType = fc.constantFrom(...types);
    const anyMode = fc.constantFrom("create" as const, "update" as const);
    // Known field names with random values reach deeper than random objects alone.
    const knownNames = [...new Set(types.flatMap((t) => Object.keys(shapes[t])))];
    const anyFields = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom(...knownNames, "__proto__"), fc.jsonValue()),
    );
    fc.assert(
      fc.property(anyType, anyFields, anyMode, (type, fields, mode) => {
        const result = validateFields(type, fields, mode);
        if (result.ok) expect(result.fields).toEqual(fields);
        else expect(result.message).toMatch(/\.$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("recordSize", () => {
  it("counts UTF-8 bytes of the JSON", () => {
    expect(recordSize({ a: "é" })).toBe(10);
    expect(recordSize({ a: "😀" })).toBe(12);
  });

  it("allows 256 KiB a record", () => {
    expect(RECORD_MAX_BYTES).toBe(262_144);
  });
});

describe("historyIdForMessage", () => {
  const id = "<CAF=abc.123@mail.adventure-works.com>";

  it("is deterministic, and 1–64 characters of [A-Za-z0-9_-]", async () => {
    const made = await historyIdForMessage(id);
    expect(made).toBe(await historyIdForMessage(id));
    expect(made).toMatch(/^m-[A-Za-z0-9_-]{1,62}$/);
  });

  it("matches the documented test vector", async () => {
    expect(await historyIdForMessage(id)).toBe("m-xj9jK_wyqCgQiy2zV9vmx_1BI-ZIK7iavIjQ_0ppnlM");
  });

  it("ignores angle brackets and surrounding whitespace", async () => {
    const made = await historyIdForMessage(id);
    for (const variant of [
      "CAF=abc.123@mail.adventure-works.com",
      `  ${id}\r\n`,
      "\t<CAF=abc.123@mail.adventure-works.com> ",
    ])
      expect(await historyIdForMessage(variant)).toBe(made);
  });

  it("keeps case and tells different messages apart", async () => {
    const ids = await Promise.all(["<a@x>", "<A@x>", "<b@x>", "<a@y>"].map(historyIdForMessage));
    expect(new Set(ids).size).toBe(4);
  });

  it("refuses a message id that is empty", async () => {
    await expect(historyIdForMessage(" <> ")).rejects.toThrow(RangeError);
  });

  it("always makes a valid record id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme" }).filter((s) => /[^\s<>]/.test(s)),
        async (messageId) => {
          expect(await historyIdForMessage(messageId)).toMatch(/^m-[A-Za-z0-9_-]{43}$/);
        },
      ),
    );
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
