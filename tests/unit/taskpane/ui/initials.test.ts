/** The initials shown beside a person's name. */
import { initialsOf } from "../../../../src/taskpane/ui/Initials";

test("the first letters of the first and last words, bracketed parts left out", () => {
  expect(initialsOf("Renée Dubois")).toBe("RD");
  expect(initialsOf("margaret s. taylor")).toBe("MT");
  expect(initialsOf("Kenji Watanabe (Contoso)")).toBe("KW");
  expect(initialsOf("Cher")).toBe("C");
  expect(initialsOf("王芳")).toBe("王");
  expect(initialsOf("  ")).toBe("");
  expect(initialsOf("- Ann")).toBe("A");
});
