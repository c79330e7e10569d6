/**
 * Issue 18, defect 4: a record with nothing under "Contact details", "About" or "Company
 * details" showed the heading over nothing. A section with no value to show is left out whole.
 */
import { FluentProvider } from "@fluentui/react-components";
import { renderToStaticMarkup } from "react-dom/server";
import type { DetailItem } from "../../../../src/taskpane/records/RecordScreen";
import { Details, shownDetails } from "../../../../src/taskpane/records/RecordScreen";

const render = (items: DetailItem[]) =>
  renderToStaticMarkup(
    <FluentProvider>
      <Details title="About" items={items} />
    </FluentProvider>,
  );

it("keeps only the pairs with a value", () => {
  const items = [
    { term: "Job title", value: "Buyer" },
    { term: "Department", value: "" },
    { term: "Birthday", value: null },
    { term: "Owner", value: undefined },
  ];
  expect(shownDetails(items).map((i) => i.term)).toEqual(["Job title"]);
});

it("shows no heading when no pair has a value", () => {
  expect(render([{ term: "Department", value: "" }])).not.toContain("About");
  expect(render([])).not.toContain("<h4");
});

it("shows the heading over the pairs that have one", () => {
  const html = render([
    { term: "Department", value: "" },
    { term: "Job title", value: "Buyer" },
  ]);
  expect(html).toMatch(/<h4[^>]*>About<\/h4>/);
  expect(html).toContain("<dt");
  expect(html).toContain("Buyer");
  expect(html).not.toContain("Department");
});
