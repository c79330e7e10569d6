/**
 * Reads what the infrastructure's Bicep sets, from its source: the Function app's app settings
 * (the `properties` object of the `'appsettings'` config resource) and the deployment's outputs.
 * A small scanner that knows Bicep's strings (with `${…}` interpolations) and comments, so that
 * braces inside them do not count; `bicep.test.ts` checks the same against the compiler's JSON
 * where a Bicep compiler is installed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const INFRA = resolve(__dirname, "../../../infra");

export function readInfra(file: string): string {
  return readFileSync(resolve(INFRA, file), "utf8");
}

/** The index just past the `}` that closes the `{` at `open`, skipping strings and comments. */
function closeOf(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i);
      if (i === -1) return text.length;
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i) + 1;
    } else if (c === "'") {
      i = endOfString(text, i);
      continue;
    } else if (c === "{") {
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw new Error(`No } closes the { at ${open}`);
}

/** The index just past the string that starts at `start` (a `'`), interpolations included. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "\\") i += 2;
    else if (text[i] === "'") return i + 1;
    else if (text[i] === "$" && text[i + 1] === "{") i = closeOf(text, i + 1);
    else i++;
  }
  throw new Error(`The string at ${start} does not end`);
}

/** The keys of the object literal whose `{` is at `open`, and each one's value as written. */
function objectEntries(text: string, open: number): Map<string, string> {
  const end = closeOf(text, open) - 1;
  const entries = new Map<string, string>();
  let i = open + 1;
  while (i < end) {
    const key = /^\s*(?:\/\/[^\n]*\s*)*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\s*:\s*/.exec(
      text.slice(i, end),
    );
    if (!key?.[1]) break;
    const name = key[1].replace(/^'|'$/g, "");
    let j = i + key[0].length;
    const valueStart = j;
    // The value runs to the end of its line, past any string or object it opens.
    while (j < end && text[j] !== "\n") {
      if (text[j] === "'") j = endOfString(text, j);
      else if (text[j] === "{" || text[j] === "[") j = text[j] === "{" ? closeOf(text, j) : j + 1;
      else j++;
    }
    entries.set(name, text.slice(valueStart, j).trim());
    i = j;
  }
  return entries;
}

/** The Function app's app settings: name → the Bicep expression of its value. */
export function appSettings(source = readInfra("resources.bicep")): Map<string, string> {
  const at = source.search(/resource\s+\w+\s+'config'\s*=\s*\{\s*name:\s*'appsettings'/);
  if (at === -1) throw new Error("No 'appsettings' config resource in the Bicep source");
  const properties = /properties\s*:\s*\{/g;
  properties.lastIndex = at;
  const found = properties.exec(source);
  if (!found) throw new Error("The 'appsettings' resource has no properties");
  return objectEntries(source, found.index + found[0].length - 1);
}

/** The names of a Bicep file's outputs. */
export function outputs(source = readInfra("main.bicep")): string[] {
  return [...source.matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1] as string);
}
