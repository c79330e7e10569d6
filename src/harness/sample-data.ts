/**
 * Sample data for the browser harness and the `npm start` seed (scripts/seed.ts): the harness
 * user, her business contacts with their companies and groups, and the e-mails and appointments
 * those contacts send her. The companies are Microsoft's fictitious ones; names and addresses
 * are invented.
 */
import type { Json } from "../shared/protocol";
import type { EmailAddressDetails, SampleItem } from "../office/fake-mailbox";

/** The Outlook user of the harness, and the owner of the seeded sample database. */
export const SAMPLE_USER = {
  displayName: "Megan Bowen",
  emailAddress: "megan.bowen@contoso.com",
} as const;

/** A record of the sample database, written by the seed under this id. */
export interface SampleRecord {
  readonly type: "contact" | "company" | "group";
  readonly id: string;
  readonly fields: Record<string, Json>;
}

/** The companies Megan's contacts work for, each with the web domain its people write from. */
export const SAMPLE_COMPANIES: readonly SampleRecord[] = [
  company(
    "fabrikam",
    "Fabrikam",
    "Manufacturing",
    "fabrikam.com",
    "+33 4 72 10 45 00",
    "Lyon",
    "France",
  ),
  company(
    "litware",
    "Litware Shanghai",
    "Logistics",
    "litwareinc.com",
    "+86 21 6279 4400",
    "Shanghai",
    "China",
  ),
  company(
    "northwind",
    "Northwind Traders",
    "Wholesale",
    "northwindtraders.com",
    "+44 20 7946 0300",
    "London",
    "United Kingdom",
  ),
  company(
    "woodgrove",
    "Woodgrove Bank",
    "Banking",
    "woodgrovebank.com",
    "+1 206 555 0100",
    "Seattle",
    "United States",
  ),
  company(
    "tailspin",
    "Tailspin Toys",
    "Toys",
    "tailspintoys.com",
    "+46 8 555 219 00",
    "Stockholm",
    "Sweden",
  ),
  company(
    "adventure-works",
    "Adventure Works",
    "Outdoor equipment",
    "adventure-works.com",
    "+34 91 555 73 00",
    "Madrid",
    "Spain",
  ),
  company(
    "wingtip",
    "Wingtip Toys",
    "Toys",
    "wingtiptoys.com",
    "+1 312 555 0100",
    "Chicago",
    "United States",
  ),
];

function company(
  key: string,
  name: string,
  industry: string,
  domain: string,
  phone: string,
  city: string,
  country: string,
): SampleRecord {
  return {
    type: "company",
    id: `sample-company-${key}`,
    fields: {
      name,
      industry,
      domains: [domain],
      phones: [{ number: phone, label: "work" }],
      addresses: [{ label: "work", city, country }],
      websites: [`https://www.${domain}`],
    },
  };
}

/** Megan's marketing lists, by their members' ids; each member's `groupIds` names them back. */
const GROUPS: ReadonlyArray<{ id: string; name: string; description: string; members: string[] }> =
  [
    {
      id: "sample-group-key-accounts",
      name: "Key accounts",
      description: "The customers whose orders decide the year: a call every month.",
      members: ["sample-renee-dubois", "sample-daniel-okafor", "sample-grace-mitchell"],
    },
    {
      id: "sample-group-shipping",
      name: "Shipping updates",
      description: "Told of every change to the sea and air freight schedules.",
      members: [
        "sample-thomas-becker",
        "sample-wang-fang",
        "sample-aiko-tanaka",
        "sample-sofia-hernandez",
      ],
    },
    {
      id: "sample-group-renewals",
      name: "Renewals in Q1",
      description: "Contracts that end between January and March.",
      members: ["sample-grace-mitchell", "sample-liam-obrien", "sample-marcus-lindqvist"],
    },
  ];

export const SAMPLE_GROUPS: readonly SampleRecord[] = GROUPS.map((g) => ({
  type: "group",
  id: g.id,
  fields: { name: g.name, description: g.description, memberIds: g.members },
}));

function contact(
  id: string,
  person: {
    givenName: string;
    familyName: string;
    displayName: string;
    jobTitle: string;
    company: string;
    email: string;
    phones: Array<{ number: string; label: string }>;
    categories: string[];
    notes: string;
  },
): SampleRecord {
  const groupIds = GROUPS.filter((g) => g.members.includes(id)).map((g) => g.id);
  return {
    type: "contact",
    id,
    fields: {
      givenName: person.givenName,
      familyName: person.familyName,
      displayName: person.displayName,
      jobTitle: person.jobTitle,
      companyId: person.company,
      emails: [{ address: person.email, label: "work", primary: true }],
      phones: person.phones,
      categories: person.categories,
      notes: person.notes,
      ...(groupIds.length > 0 ? { groupIds } : {}),
    },
  };
}

/** Megan's business contacts, each with a stable id (the seed writes them under these ids). */
export const SAMPLE_CONTACTS: readonly SampleRecord[] = [
  contact("sample-renee-dubois", {
    givenName: "Renée",
    familyName: "Dubois",
    displayName: "Renée Dubois",
    jobTitle: "Head of Purchasing",
    company: "sample-company-fabrikam",
    email: "renee.dubois@fabrikam.com",
    phones: [
      { number: "+33 4 72 10 45 80", label: "work" },
      { number: "+33 6 12 48 90 37", label: "mobile" },
    ],
    categories: ["Customer", "Key account"],
    notes: "Decides on the Lyon site's orders. Prefers a call before a written quote.",
  }),
  contact("sample-thomas-becker", {
    givenName: "Thomas",
    familyName: "Becker",
    displayName: "Thomas Becker",
    jobTitle: "Procurement Specialist",
    company: "sample-company-fabrikam",
    email: "thomas.becker@fabrikam.com",
    phones: [{ number: "+49 69 2475 3310", label: "work" }],
    categories: ["Customer"],
    notes: "Handles purchase orders and delivery schedules for Renée's team.",
  }),
  contact("sample-wang-fang", {
    givenName: "芳",
    familyName: "王",
    displayName: "王芳",
    jobTitle: "Supply Chain Manager",
    company: "sample-company-litware",
    email: "fang.wang@litwareinc.com",
    phones: [{ number: "+86 21 6279 4410", label: "work" }],
    categories: ["Supplier"],
    notes: "Writes in English and Mandarin. Shanghai is 7 hours ahead in winter.",
  }),
  contact("sample-daniel-okafor", {
    givenName: "Daniel",
    familyName: "Okafor",
    displayName: "Daniel Okafor",
    jobTitle: "Chief Financial Officer",
    company: "sample-company-northwind",
    email: "daniel.okafor@northwindtraders.com",
    phones: [{ number: "+44 20 7946 0321", label: "work" }],
    categories: ["Customer", "Finance"],
    notes: "Approves payment terms above 50,000 EUR.",
  }),
  contact("sample-priya-raman", {
    givenName: "Priya",
    familyName: "Raman",
    displayName: "Priya Raman",
    jobTitle: "IT Director",
    company: "sample-company-woodgrove",
    email: "priya.raman@woodgrovebank.com",
    phones: [{ number: "+1 206 555 0148", label: "work" }],
    categories: ["Prospect"],
    notes: "Security review must pass before any pilot; sends a questionnaire first.",
  }),
  contact("sample-marcus-lindqvist", {
    givenName: "Marcus",
    familyName: "Lindqvist",
    displayName: "Marcus Lindqvist",
    jobTitle: "Account Executive",
    company: "sample-company-tailspin",
    email: "marcus.lindqvist@tailspintoys.com",
    phones: [{ number: "+46 8 555 219 40", label: "work" }],
    categories: ["Partner"],
    notes: "Runs the quarterly roadmap review with us.",
  }),
  contact("sample-sofia-hernandez", {
    givenName: "Sofía",
    familyName: "Hernández",
    displayName: "Sofía Hernández",
    jobTitle: "Operations Lead",
    company: "sample-company-adventure-works",
    email: "sofia.hernandez@adventure-works.com",
    phones: [
      { number: "+34 91 555 73 12", label: "work" },
      { number: "+34 612 555 904", label: "mobile" },
    ],
    categories: ["Customer"],
    notes: "Owns the Madrid warehouse; audit follow-ups go to her.",
  }),
  contact("sample-aiko-tanaka", {
    givenName: "Aiko",
    familyName: "Tanaka",
    displayName: "Aiko Tanaka",
    jobTitle: "Logistics Coordinator",
    company: "sample-company-litware",
    email: "aiko.tanaka@litwareinc.com",
    phones: [{ number: "+86 21 6279 4432", label: "work" }],
    categories: ["Supplier"],
    notes: "Books the sea freight; copy her on shipping changes.",
  }),
  contact("sample-grace-mitchell", {
    givenName: "Grace",
    familyName: "Mitchell",
    displayName: "Grace Mitchell",
    jobTitle: "Legal Counsel",
    company: "sample-company-wingtip",
    email: "grace.mitchell@wingtiptoys.com",
    phones: [{ number: "+1 312 555 0176", label: "work" }],
    categories: ["Customer", "Legal"],
    notes: "Contract renewal due in January; wants redlines by e-mail.",
  }),
  contact("sample-liam-obrien", {
    givenName: "Liam",
    familyName: "O'Brien",
    displayName: "Liam O'Brien",
    jobTitle: "Facilities Manager",
    company: "sample-company-wingtip",
    email: "liam.obrien@wingtiptoys.com",
    phones: [{ number: "+353 1 555 2290", label: "work" }],
    categories: ["Customer"],
    notes: "Site contact for installations in Dublin.",
  }),
];

/** Every record of the sample database, in the order the seed writes them. */
export const SAMPLE_RECORDS: readonly SampleRecord[] = [
  ...SAMPLE_COMPANIES,
  ...SAMPLE_CONTACTS,
  ...SAMPLE_GROUPS,
];

function person(contactId: string): EmailAddressDetails {
  const fields = SAMPLE_CONTACTS.find((c) => c.id === contactId)?.fields;
  const email = Array.isArray(fields?.emails) ? fields.emails[0] : undefined;
  const address =
    email && typeof email === "object" && !Array.isArray(email) ? email.address : undefined;
  if (typeof fields?.displayName !== "string" || typeof address !== "string") {
    throw new Error(`No sample contact ${contactId}`);
  }
  return { displayName: fields.displayName, emailAddress: address, recipientType: "externalUser" };
}

const megan: EmailAddressDetails = { ...SAMPLE_USER, recipientType: "enterprise" };

/** E-mails and appointments in Megan's mailbox: all from her contacts but two unknown senders. */
export const SAMPLE_ITEMS: readonly SampleItem[] = [
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMAAA==",
    internetMessageId: "<PR1P264MB3845D1C0A7E5B1F2@PR1P264MB3845.FRAP264.PROD.OUTLOOK.COM>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAKbc1u9vVGRDk3q0S4E2fJ0=",
    subject: "RE: Q1 order volumes for the Lyon site",
    from: person("sample-renee-dubois"),
    to: [megan],
    cc: [person("sample-thomas-becker")],
    dateTimeCreated: "2026-11-23T08:42:00.000Z",
    body:
      "Hello Megan,\n\nThank you for the figures. We expect about 1,200 units in January and " +
      "1,500 in February, with the rest of the quarter depending on the new line.\n\n" +
      "Thomas will send the purchase order once your quote includes the revised delivery dates.\n\n" +
      "Best regards,\nRenée",
  },
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMBBB==",
    internetMessageId: "<LO2P265MB5021A93E1C77B0D4@LO2P265MB5021.GBRP265.PROD.OUTLOOK.COM>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAF2u8mXo4Y1Eq7y3b0cC9x4=",
    subject: "Invoice 2026-1187: payment schedule",
    from: person("sample-daniel-okafor"),
    to: [megan],
    cc: [],
    dateTimeCreated: "2026-11-24T14:05:00.000Z",
    body:
      "Hi Megan,\n\nCould we split invoice 2026-1187 into three monthly payments? The first " +
      "would be on 15 December.\n\nIf that works for you, I will confirm in writing today.\n\nDaniel",
  },
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMCCC==",
    internetMessageId: "<SG2PR06MB5290E4F7A2B3C1D8@SG2PR06MB5290.apcprd06.prod.outlook.com>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAOc3r1Zt0rJLrZ6d8f2h3Ss=",
    subject: "Updated shipping timetable for December",
    from: person("sample-wang-fang"),
    to: [megan],
    cc: [person("sample-aiko-tanaka")],
    dateTimeCreated: "2026-11-25T02:17:00.000Z",
    body:
      "Dear Megan,\n\nThe vessel from Shanghai now leaves on 4 December and reaches Rotterdam " +
      "on 9 January. Aiko has booked the containers.\n\nPlease let us know if your customers " +
      "need partial deliveries by air.\n\nKind regards,\n王芳 (Wang Fang)",
  },
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMDDD==",
    internetMessageId: "<BY5PR11MB4002F18B9C6E7A35@BY5PR11MB4002.namprd11.prod.outlook.com>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAJ9w2Lk7T0NIm1u8e0o4y2A=",
    subject: "Security review questionnaire before the pilot",
    from: person("sample-priya-raman"),
    to: [megan],
    cc: [],
    dateTimeCreated: "2026-11-25T17:30:00.000Z",
    body:
      "Hello Megan,\n\nBefore we start the pilot, our security team needs the attached " +
      "questionnaire completed. Most vendors finish it in a week.\n\nThanks,\nPriya Raman\n" +
      "IT Director, Woodgrove Bank",
  },
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMEEE==",
    internetMessageId: "<TYCPR01MB8421C07D5E9F2B64@TYCPR01MB8421.jpnprd01.prod.outlook.com>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAE1p4Qm6b+tCjx2J9w0z5kU=",
    subject: "Introduction: Blue Yonder Airlines cargo partnership",
    from: {
      displayName: "Kenji Watanabe",
      emailAddress: "kenji.watanabe@blueyonderairlines.com",
      recipientType: "externalUser",
    },
    to: [megan],
    cc: [],
    dateTimeCreated: "2026-11-26T06:55:00.000Z",
    body:
      "Dear Ms Bowen,\n\nWang Fang at Litware suggested I contact you. Blue Yonder Airlines " +
      "runs weekly cargo flights between Shanghai and Amsterdam and could cover your urgent " +
      "deliveries.\n\nWould you have 20 minutes next week?\n\nKenji Watanabe\nCargo Sales",
  },
  {
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMFFF==",
    internetMessageId: "<DB9PR04MB8350B2A61F0C4E97@DB9PR04MB8350.eurprd04.prod.outlook.com>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAGt5s+0cXk9NpR7w2e1v8fI=",
    subject: "FW: Warehouse audit findings",
    from: person("sample-sofia-hernandez"),
    to: [megan],
    cc: [],
    dateTimeCreated: "2026-11-26T09:12:00.000Z",
    body:
      "Megan,\n\nForwarding the auditor's findings for the Madrid warehouse. Two items concern " +
      "your pallets (labelling and stacking height).\n\nCan we agree the fixes on Thursday?\n\nSofía",
  },
  {
    // Marked private by its sender: the pane does not link it by itself.
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMGGG==",
    internetMessageId: "<LO2P265MB5021B77C2E19A4F0@LO2P265MB5021.GBRP265.PROD.OUTLOOK.COM>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAHq2b0Wm9Y4Kc3r1t8e5d6Q=",
    subject: "Personal: my leave in January",
    from: person("sample-daniel-okafor"),
    to: [megan],
    cc: [],
    dateTimeCreated: "2026-11-26T11:40:00.000Z",
    body:
      "Megan,\n\nJust so you know before the new year: I will be away from 5 to 19 January " +
      "for family reasons.\n\nDaniel",
    headers: { Sensitivity: "Private" },
  },
  {
    // From someone not yet in the contacts, at a customer's domain, with a plain signature (a
    // job title and phone numbers "Create contact" offers), a disclaimer, and Megan's message
    // quoted below, whose signature is not the sender's.
    itemType: "message",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAEMHHH==",
    internetMessageId: "<PR1P264MB3845F2D4B8A6C1E0@PR1P264MB3845.FRAP264.PROD.OUTLOOK.COM>",
    conversationId:
      "AAQkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQAQAJc4t2Xn0Z5Ld4s2u9f6e7R=",
    subject: "RE: Delivery address for the January order",
    from: {
      displayName: "Élodie Martin",
      emailAddress: "elodie.martin@fabrikam.com",
      recipientType: "externalUser",
    },
    to: [megan],
    cc: [person("sample-renee-dubois")],
    dateTimeCreated: "2026-12-01T09:20:00.000Z",
    body:
      "Hello Megan,\n\nThe January order goes to our new warehouse: Fabrikam, Zone industrielle " +
      "Nord, 69120 Vaulx-en-Velin. Goods receiving is open from 7:00 to 15:00.\n\n" +
      "Best regards,\n\nÉlodie Martin\nLogistics Manager\nFabrikam\nTel: +33 4 72 10 45 99\n" +
      "Mobile: +33 6 45 12 78 30\n\nThis e-mail and its attachments are confidential and meant " +
      "only for the people it is addressed to. If you received it by mistake, please tell the " +
      "sender and delete it.\n\nFrom: Megan Bowen <megan.bowen@contoso.com>\n" +
      "Sent: Monday, 30 November 2026 16:10\nSubject: Delivery address for the January order\n\n" +
      "Hello Renée, where should the January order go?\n\nBest regards,\nMegan Bowen\n" +
      "Sales Manager\nTel: +1 425 555 0100",
  },
  {
    itemType: "appointment",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAENAAA==",
    subject: "Tailspin Toys: quarterly roadmap review",
    organizer: person("sample-marcus-lindqvist"),
    requiredAttendees: [megan, person("sample-marcus-lindqvist")],
    optionalAttendees: [person("sample-grace-mitchell")],
    start: "2026-12-02T13:00:00.000Z",
    end: "2026-12-02T14:00:00.000Z",
    location: "Microsoft Teams Meeting",
    dateTimeCreated: "2026-11-20T10:00:00.000Z",
    body:
      "Agenda:\n1. Spring catalogue and volumes\n2. Shared marketing budget\n3. Next steps\n\n" +
      "Marcus",
  },
  {
    itemType: "appointment",
    itemId:
      "AAMkAGQ5ZjE0YjQ3LWM4NmEtNDFmZS1hZWE4LTYxN2Q4ZGE0ZTJkZQBGAAAAAAB+Lc/0TbR1Q6sXrTyr5QYmBwAAAENBBB==",
    subject: "Wingtip Toys contract renewal",
    organizer: person("sample-grace-mitchell"),
    requiredAttendees: [person("sample-grace-mitchell"), megan, person("sample-liam-obrien")],
    optionalAttendees: [],
    start: "2026-12-08T16:00:00.000Z",
    end: "2026-12-08T16:45:00.000Z",
    location: "Wingtip Toys, 200 Wacker Drive, Chicago",
    dateTimeCreated: "2026-11-22T15:20:00.000Z",
    body:
      "Let's go through the redlines and the service levels for the Dublin installations.\n\n" +
      "Grace",
  },
];
