/** Record forms' values and fields: round trips, what an edit sends, where an error shows. */
import { validateFields } from "../../../src/shared/records";
import type { FormValues } from "../../../src/taskpane/records/form-model";
import {
  changedFields,
  errorTarget,
  formFields,
  formFieldsOf,
  formKeptRows,
  formLabels,
  formPath,
  formValues,
  friendlyMessage,
  nonNullFields,
} from "../../../src/taskpane/records/form-model";

const contactFormValues = (fields: object) => formValues("contact", fields as never);
const contactFormFields = (values: FormValues) => formFields("contact", values);

const margaret = {
  givenName: "Margaret",
  familyName: "Taylor",
  displayName: "Margaret S. Taylor",
  fileAs: "Taylor, Margaret",
  companyId: "k1",
  jobTitle: "Head of Purchasing",
  emails: [{ address: "Margaret.Taylor@adventure-works.com", label: "work", primary: true }],
  phones: [{ number: "+44 20 5077 7052", label: "assistant" }],
  addresses: [
    { label: "work", street: "5087 Queen Ave", city: "London", country: "United Kingdom" },
  ],
  websites: ["https://adventure-works.com"],
  categories: ["Investor", "Key, account"],
  notes: "  Indented\nnotes",
  birthday: "1964-09-16",
  owner: "ann@contoso.com",
  groupIds: ["g-newsletter"],
  doNotContact: { call: false, email: false, mail: true },
  custom: { Tier: { type: "choice", value: "Gold" } },
};

test("an untouched form changes nothing, even where it cannot show a value exactly", () => {
  const values = contactFormValues(margaret);
  expect(values.categories).toBe("Investor, Key, account");
  expect(changedFields(contactFormFields(values), contactFormFields(values))).toEqual({});
});

test("an edit sends only the fields the user changed, and a blank clears a field", () => {
  const opened = contactFormValues(margaret);
  const edited = {
    ...opened,
    jobTitle: "  Buyer ",
    department: "",
    notes: "",
    emails: [
      ...(opened.emails as object[]),
      { address: "m.taylor@home.example", label: "home", primary: false },
    ],
  };
  expect(changedFields(contactFormFields(opened), contactFormFields(edited))).toEqual({
    jobTitle: "Buyer",
    notes: null,
    emails: [
      { address: "Margaret.Taylor@adventure-works.com", label: "work", primary: true },
      { address: "m.taylor@home.example", label: "home" },
    ],
  });
});

test("a new contact sends what it holds, valid for the database", () => {
  const values = { ...contactFormValues({}), displayName: "Ann Lee", owner: "Ann@Contoso.com" };
  const fields = nonNullFields(contactFormFields(values));
  expect(fields).toEqual({ displayName: "Ann Lee", owner: "ann@contoso.com" });
  expect(validateFields("contact", fields, "create").ok).toBe(true);
});

test("an error shows on its control, on the form's row, with the control's label", () => {
  const values = {
    ...contactFormValues({}),
    emails: [
      { address: "", label: "", primary: false },
      { address: "ann@x.com", label: "", primary: false },
      { address: "not an address", label: "work", primary: false },
    ],
  };
  const checked = validateFields("contact", nonNullFields(contactFormFields(values)), "create");
  expect(checked).toMatchObject({ ok: false, field: "emails.1.address" });
  if (checked.ok) return;
  // The blank first row was left out of the fields: the error is on the form's third row.
  const path = formPath(checked.field, formKeptRows("contact", values));
  expect(path).toBe("emails.2.address");
  const labels = formLabels("contact", values);
  const target = errorTarget(path, labels.keys());
  expect(target).toBe("emails.2.address");
  expect(friendlyMessage(checked.message, checked.field, labels.get(target) ?? "")).toBe(
    "E-mail 3 must be an e-mail address.",
  );
});

test("an error about part of a field goes to the control above it, else to its list", () => {
  const keys = ["categories", "emails.0.address", "emails", "birthday"];
  expect(errorTarget("categories.2", keys)).toBe("categories");
  expect(errorTarget("emails.0.address", keys)).toBe("emails.0.address");
  expect(errorTarget("emails.0.primary", keys)).toBe("emails");
  expect(errorTarget("custom.Tier.value", keys)).toBe("custom");
  expect(formPath("websites.0", { websites: [3] })).toBe("websites.3");
  expect(formPath("birthday", {})).toBe("birthday");
  expect(friendlyMessage("categories.2 must not be empty.", "categories.2", "Categories")).toBe(
    "Categories must not be empty.",
  );
  expect(friendlyMessage("fields are invalid.", "", "Form")).toBe("Fields are invalid.");
});

test("the company form lower-cases domains, which the database refuses in capitals", () => {
  const values = {
    ...formValues("company", { name: "Contoso" }),
    domains: "Contoso.com,  contoso.fr",
  };
  expect(formFields("company", values)).toMatchObject({ domains: ["contoso.com", "contoso.fr"] });
  expect(formValues("company", { domains: ["a.com", "b.com"] }).domains).toBe("a.com, b.com");
});

test("do not contact is sent when one way is refused, and cleared when none is", () => {
  const opened = contactFormValues(margaret);
  expect(opened.doNotContact).toEqual({ call: false, email: false, mail: true, link: false });
  const none = {
    ...opened,
    doNotContact: { call: false, email: false, mail: false, link: false },
  };
  expect(contactFormFields(none).doNotContact).toBeNull();
  const call = { ...opened, doNotContact: { call: true, email: false, mail: true, link: false } };
  expect(contactFormFields(call).doNotContact).toEqual({
    call: true,
    email: false,
    mail: true,
    link: false,
  });
  const link = { ...opened, doNotContact: { call: false, email: false, mail: false, link: true } };
  expect(contactFormFields(link).doNotContact).toEqual({
    call: false,
    email: false,
    mail: false,
    link: true,
  });
});

test("each form edits its type's fields but those other screens keep, in the table's order", () => {
  const names = (type: "contact" | "company" | "group") => formFieldsOf(type).map(([n]) => n);
  expect(names("contact")).toEqual([
    "displayName",
    "givenName",
    "middleName",
    "familyName",
    "fileAs",
    "companyId",
    "jobTitle",
    "department",
    "emails",
    "phones",
    "addresses",
    "websites",
    "categories",
    "birthday",
    "owner",
    "doNotContact",
    "notes",
  ]);
  expect(names("company")).toEqual(
    expect.arrayContaining(["name", "industry", "domains", "owner", "notes"]),
  );
  expect(names("company")).not.toContain("memberIds");
  expect(names("group")).toEqual(["name", "description"]);
  // A field the form does not edit (groups, user-defined fields) is never sent by it.
  expect(contactFormFields(contactFormValues(margaret))).not.toHaveProperty("groupIds");
  expect(contactFormFields(contactFormValues(margaret))).not.toHaveProperty("custom");
});
