/**
 * The sender's job title and phones read from the signature of the message they wrote: English,
 * German and French signatures, with and without the `-- ` delimiter, with disclaimers and
 * extensions; never a signature in a quoted or forwarded message, never a number of the text.
 */
import { SAMPLE_ITEMS } from "../../../../src/harness/sample-data";
import { PhoneEntry } from "../../../../src/shared/records";
import { readSignature } from "../../../../src/taskpane/item/signature";

test("an English signature after a sign-off: title without the company, labelled phones", () => {
  const body = [
    "Hello Megan,",
    "",
    "Before we start the pilot, our security team needs the questionnaire completed.",
    "",
    "Thanks,",
    "Priya Raman",
    "IT Director, Woodgrove Bank",
    "T: +1 206 555 0148 | M: +1 206 555 0199",
    "priya.raman@woodgrovebank.com | www.woodgrovebank.com",
  ].join("\n");
  expect(readSignature(body, "Priya Raman", ["Woodgrove Bank", "woodgrovebank.com"])).toEqual({
    jobTitle: "IT Director",
    phones: [
      { number: "+1 206 555 0148", label: "work" },
      { number: "+1 206 555 0199", label: "mobile" },
    ],
  });
});

test("a German signature with a blank line inside, Tel./Mobil/Fax labels and a Durchwahl", () => {
  const body = [
    "Hallo Frau Bowen,",
    "",
    "anbei das Angebot vom 12.03.2026 für 1.200 Stück.",
    "",
    "Mit freundlichen Grüßen",
    "",
    "Julia Schneider",
    "Leiterin Einkauf",
    "",
    "Fabrikam GmbH · Leopoldstraße 12 · 80802 München",
    "Tel.: +49 89 1234567-12",
    "Mobil: 0170 1234567",
    "Fax: +49 89 1234567-99",
    "",
    "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte sofort den Absender.",
    "Tel: +49 89 0000000",
  ].join("\n");
  expect(readSignature(body, "Julia Schneider", ["Fabrikam"])).toEqual({
    jobTitle: "Leiterin Einkauf",
    phones: [
      { number: "+49 89 1234567-12", label: "work" },
      { number: "0170 1234567", label: "mobile" },
      { number: "+49 89 1234567-99", label: "fax" },
    ],
  });
});

test("a French signature: Tél and Portable with spaces before the colon", () => {
  const body = [
    "Bonjour Megan,",
    "",
    "Je vous confirme la livraison pour le 4 décembre.",
    "",
    "Bien cordialement,",
    "",
    "Jean-Pierre Moreau",
    "Directeur commercial",
    "Tél : +33 1 23 45 67 89",
    "Portable : 06 12 34 56 78",
  ].join("\n");
  expect(readSignature(body, "Jean-Pierre Moreau")).toEqual({
    jobTitle: "Directeur commercial",
    phones: [
      { number: "+33 1 23 45 67 89", label: "work" },
      { number: "06 12 34 56 78", label: "mobile" },
    ],
  });
});

test("after the -- delimiter: the title on the name's line, an extension kept as x", () => {
  const body = [
    "See you Thursday.",
    "-- ",
    "Sam Carter | Head of Sales EMEA",
    "Phone: +44 20 7946 0000 ext. 204",
    "Mobile +44 7700 900123",
  ].join("\n");
  const found = readSignature(body, "Sam Carter");
  expect(found).toEqual({
    jobTitle: "Head of Sales EMEA",
    phones: [
      { number: "+44 20 7946 0000 x204", label: "work" },
      { number: "+44 7700 900123", label: "mobile" },
    ],
  });
  for (const phone of found.phones) expect(PhoneEntry.safeParse(phone).success).toBe(true);
});

test("without delimiter or sign-off: the block starts at the sender's name near the end", () => {
  const body =
    "Dear Ms Bowen,\n\nWould you have 20 minutes next week?\n\nKenji Watanabe\nCargo Sales\n+81 3 5555 0134";
  expect(readSignature(body, "Kenji Watanabe", ["blueyonderairlines.com"])).toEqual({
    jobTitle: "Cargo Sales",
    phones: [{ number: "+81 3 5555 0134", label: "work" }],
  });
});

test("a company line after the name is no title", () => {
  const body = "Best regards,\nKenji Watanabe\nBlue Yonder Airlines\nTel: +81 3 5555 0134";
  expect(readSignature(body, "Kenji Watanabe", ["blueyonderairlines.com"]).jobTitle).toBeNull();
});

test("a first name alone under the sign-off gives nothing", () => {
  expect(
    readSignature("Thank you for the figures.\n\nBest regards,\nRenée", "Renée Dubois"),
  ).toEqual({
    jobTitle: null,
    phones: [],
  });
});

test("no signature block: numbers and sentences of the text are not taken", () => {
  const body =
    "Could we split invoice 2026-1187 into three payments? Call me on 020 7946 0321.\n\nSee you";
  expect(readSignature(body, "Daniel Okafor")).toEqual({ jobTitle: null, phones: [] });
});

test("someone else's signature in a quoted reply is never taken", () => {
  const reply = [
    "Sounds good, go ahead.",
    "",
    "Thomas",
    "",
    "On Mon, 23 Nov 2026 at 09:42, Renée Dubois <renee.dubois@fabrikam.com> wrote:",
    "> Best regards,",
    "> Renée Dubois",
    "> Head of Purchasing",
    "> Tel: +33 4 72 10 45 80",
  ].join("\n");
  expect(readSignature(reply, "Thomas Becker")).toEqual({ jobTitle: null, phones: [] });

  const outlook = [
    "Please see below.",
    "",
    "________________________________",
    "From: Renée Dubois <renee.dubois@fabrikam.com>",
    "Sent: Monday, 23 November 2026 09:42",
    "",
    "Kind regards,",
    "Renée Dubois",
    "Head of Purchasing",
    "Mobile: +33 6 12 48 90 37",
  ].join("\n");
  expect(readSignature(outlook, "Thomas Becker")).toEqual({ jobTitle: null, phones: [] });

  const german = [
    "Danke!",
    "",
    "Am 23.11.2026 um 09:42 schrieb Renée Dubois <renee.dubois@fabrikam.com>:",
    "Viele Grüße",
    "Renée Dubois",
    "Einkaufsleiterin",
    "Tel. +33 4 72 10 45 80",
  ].join("\n");
  expect(readSignature(german, "Thomas Becker")).toEqual({ jobTitle: null, phones: [] });

  const french = [
    "Merci",
    "",
    "Le lun. 23 nov. 2026 à 09:42, Renée Dubois <renee.dubois@fabrikam.com> a écrit :",
    "Cordialement,",
    "Renée Dubois",
    "Responsable des achats",
  ].join("\n");
  expect(readSignature(french, "Thomas Becker")).toEqual({ jobTitle: null, phones: [] });
});

test("the sender's own signature above a quoted message is taken, not the quoted one", () => {
  const body = [
    "Agreed.",
    "",
    "Best,",
    "Thomas Becker",
    "Procurement Specialist",
    "Tel: +49 69 2475 3310",
    "",
    "-----Original Message-----",
    "From: Renée Dubois",
    "Regards,",
    "Renée Dubois",
    "Head of Purchasing",
    "Tel: +33 4 72 10 45 80",
  ].join("\n");
  expect(readSignature(body, "Thomas Becker")).toEqual({
    jobTitle: "Procurement Specialist",
    phones: [{ number: "+49 69 2475 3310", label: "work" }],
  });
});

test("Windows line breaks, a number twice, one too short, one too long, and invalid signs", () => {
  const body = [
    "Regards,",
    "Ana Lopez",
    "Buyer",
    "Tel: +34 91 555 73 12",
    "Phone: +34 91 555 73 12",
    "Fax: 12 34",
    "Tel: +34 1234 5678 9012 3456",
  ].join("\r\n");
  expect(readSignature(body, "Ana Lopez")).toEqual({
    jobTitle: "Buyer",
    phones: [{ number: "+34 91 555 73 12", label: "work" }],
  });
});

test("a title line that is a sentence or a link is no title", () => {
  expect(readSignature("Cheers,\nLee Wong\nSent from my phone.", "Lee Wong").jobTitle).toBeNull();
  expect(readSignature("Cheers,\nLee Wong\nwww.example.com", "Lee Wong").jobTitle).toBeNull();
  expect(readSignature("Cheers,\nLee Wong\nlee@example.com", "Lee Wong").jobTitle).toBeNull();
});

test("an empty body, and a sender without a name, give nothing", () => {
  expect(readSignature("", "Lee Wong")).toEqual({ jobTitle: null, phones: [] });
  expect(readSignature("Just a line\nanother line", "")).toEqual({ jobTitle: null, phones: [] });
});

test("the harness's sample e-mail from an unknown sender: hers, not Megan's quoted below", () => {
  const item = SAMPLE_ITEMS.find((i) => i.subject.startsWith("RE: Delivery address"));
  if (item?.itemType !== "message") throw new Error("no sample e-mail");
  expect(readSignature(item.body, item.from.displayName, ["fabrikam.com"])).toEqual({
    jobTitle: "Logistics Manager",
    phones: [
      { number: "+33 4 72 10 45 99", label: "work" },
      { number: "+33 6 45 12 78 30", label: "mobile" },
    ],
  });
});
