/** What the pane shows of a contact's fields, and which values become links. */
import {
  addressesOf,
  contactFileAs,
  contactName,
  customFields,
  emailsOf,
  mailtoHref,
  phonesOf,
  primaryEmail,
  refusals,
  telHref,
  websiteHref,
} from "../../../src/taskpane/contacts/contact-view";

test("the name shown: displayName, else the given, middle and family names, else the e-mail", () => {
  expect(contactName({ displayName: " Renée Dubois ", givenName: "R" })).toBe("Renée Dubois");
  expect(
    contactName({ givenName: "Thomas", middleName: "J.", familyName: "Becker", displayName: "" }),
  ).toBe("Thomas J. Becker");
  expect(contactName({ familyName: "王" })).toBe("王");
  expect(contactName({ emails: [{ address: "ann@x.com", label: "work", primary: true }] })).toBe(
    "ann@x.com",
  );
  expect(contactName({ displayName: null, notes: "no name at all" })).toBe("Unnamed contact");
  expect(contactName({ displayName: 42 })).toBe("Unnamed contact");
});

test("lists sort by File as, else by the name shown", () => {
  expect(contactFileAs({ displayName: "Margaret S. Taylor", fileAs: "Taylor, Margaret" })).toBe(
    "Taylor, Margaret",
  );
  expect(contactFileAs({ displayName: "Margaret S. Taylor", fileAs: " " })).toBe(
    "Margaret S. Taylor",
  );
});

test("the primary e-mail address, else the first; entries that are not addresses are skipped", () => {
  const fields = {
    emails: [
      { address: "home@x.com", label: "home", primary: false },
      { address: "work@x.com", label: "work", primary: true },
    ],
  };
  expect(primaryEmail(fields)).toBe("work@x.com");
  expect(primaryEmail({ emails: [{ address: "first@x.com" }, "junk", { address: 7 }] })).toBe(
    "first@x.com",
  );
  expect(primaryEmail({ emails: "not a list" })).toBeNull();
  expect(emailsOf(fields)[0]).toEqual({ address: "home@x.com", label: "home", primary: false });
});

test("phones and addresses, with their labels; an address reads as lines", () => {
  expect(
    phonesOf({ phones: [{ number: "+44 20 5077 7052", label: "work" }, { label: "x" }] }),
  ).toEqual([{ number: "+44 20 5077 7052", label: "work" }]);
  expect(
    addressesOf({
      addresses: [
        {
          label: "work",
          street: "5087 Queen Ave\nFloor 3",
          city: "London",
          postalCode: "TJ8 4TQ",
          country: "United Kingdom",
        },
        { label: "empty" },
      ],
    }),
  ).toEqual([
    { label: "work", lines: ["5087 Queen Ave", "Floor 3", "TJ8 4TQ London", "United Kingdom"] },
  ]);
});

test("websites become links only for http and https; javascript: and other schemes stay text", () => {
  expect(websiteHref("https://adventure-works.com/about")).toBe(
    "https://adventure-works.com/about",
  );
  expect(websiteHref("http://contoso.com")).toBe("http://contoso.com/");
  expect(websiteHref("www.contoso.com")).toBe("https://www.contoso.com");
  expect(websiteHref("contoso.com/path?q=1")).toBe("https://contoso.com/path?q=1");
  expect(websiteHref("javascript:alert(1)")).toBeNull();
  expect(websiteHref(" JavaScript:alert(1)")).toBeNull();
  expect(websiteHref("javascript.com:alert(1)")).toBeNull();
  expect(websiteHref("data:text/html,<script>alert(1)</script>")).toBeNull();
  expect(websiteHref("file:///etc/passwd")).toBeNull();
  expect(websiteHref("vbscript:msgbox")).toBeNull();
  expect(websiteHref("not a web address")).toBeNull();
});

test("mailto links for valid addresses only, tel links with the digits", () => {
  expect(mailtoHref("ann@x.com")).toBe("mailto:ann@x.com");
  expect(mailtoHref("ann@x.com?bcc=spy@evil.com")).toBeNull();
  expect(mailtoHref("javascript:alert(1)//@x.com")).toBeNull();
  expect(telHref("+44 (20) 5077-7052")).toBe("tel:+442050777052");
  expect(telHref("020 5077 7052 x12")).toBe("tel:02050777052");
  expect(telHref("+1 904 985 7445 ext. 3")).toBe("tel:+19049857445");
  expect(telHref("1-800-FLOWERS")).toBe("tel:18003569377");
  expect(telHref("no digits")).toBeNull();
});

test("user-defined fields and refusals in words", () => {
  expect(
    customFields({
      custom: {
        Tier: { type: "choice", value: "Gold", options: ["Gold", "Silver"] },
        Active: { type: "yesno", value: true },
        Broken: { type: "unknown", value: 1 },
      },
    }),
  ).toEqual([
    { name: "Active", value: "Yes" },
    { name: "Tier", value: "Gold" },
  ]);
  expect(refusals({ doNotContact: { call: true, email: false, mail: true } })).toEqual([
    "No calls",
    "No postal mail",
  ]);
  expect(refusals({ doNotContact: null })).toEqual([]);
});
