/**
 * A new company named from the sender's domain: the registrable domain (subdomains and country
 * second levels handled), a readable name, never for free mail or an invalid domain.
 */
import {
  guessCompany,
  isFreeMail,
  registrableDomain,
} from "../../../../src/taskpane/item/sender-company";

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
