/**
 * Issue 18, defect 2: at 320 px an address broke in the middle of a word ("…tailspintoys.co" /
 * "m"). It may now wrap only after the `@` and before dots.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { addressParts, EmailText } from "../../../../src/taskpane/ui/EmailText";

it("cuts an address after the @ and before each dot, keeping every character", () => {
  expect(addressParts("marcus.lindqvist@tailspintoys.com")).toEqual([
    "marcus",
    ".lindqvist@",
    "tailspintoys",
    ".com",
  ]);
  expect(addressParts("a@b.co.uk")).toEqual(["a@", "b", ".co", ".uk"]);
  // A dot that starts the text, two dots in a row, no dot at all.
  expect(addressParts(".x..y@z")).toEqual([".x", ".", ".y@", "z"]);
  expect(addressParts("postmaster")).toEqual(["postmaster"]);
  for (const address of ["renée.dubois@fabrikam.com", "王芳@litwareinc.com", "a+b@x-y.example"])
    expect(addressParts(address).join("")).toBe(address);
});

it("marks the places with <wbr>, which a copy leaves out, and nowhere else", () => {
  const html = renderToStaticMarkup(<EmailText address="liam.obrien@wingtiptoys.com" />);
  expect(html).toBe("liam<wbr/>.obrien@<wbr/>wingtiptoys<wbr/>.com");
});
