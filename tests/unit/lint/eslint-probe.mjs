// Runs the repository's ESLint config in a child process (jest cannot load the ESM config
// itself): reads a JSON request on stdin, writes the answer on stdout.
// - `{ lint: [{ filePath, code }] }`: each file's messages, as `ruleId: message`. The code is
//   linted as if it were at `filePath` (which need not exist), without type information: the
//   boundary rules need none, and it is quick.
// - `{ rules: [filePath] }`: the ids of the rules in force for each file.
import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";

const request = JSON.parse(readFileSync(0, "utf8"));
const eslint = new ESLint({
  cwd: new URL("../../..", import.meta.url).pathname,
  overrideConfig: tseslint.configs.disableTypeChecked,
});
const answer = { lint: [], rules: [] };
for (const { filePath, code } of request.lint ?? []) {
  const [result] = await eslint.lintText(code, { filePath });
  answer.lint.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
for (const filePath of request.rules ?? []) {
  const config = await eslint.calculateConfigForFile(filePath);
  answer.rules.push(
    Object.entries(config.rules)
      .filter(([, entry]) => [entry].flat()[0] !== 0 && [entry].flat()[0] !== "off")
      .map(([id]) => id),
  );
}
process.stdout.write(JSON.stringify(answer));
