/**
 * An e-mail address that wraps where a reader expects it to: after the `@` and before each dot
 * (`marcus.lindqvist@` / `tailspintoys` / `.com`), never in the middle of a word while one of
 * those places fits. `<wbr>` marks the places: unlike a zero-width space it is not copied with
 * the text. A part longer than the line still wraps anywhere where the surrounding style says so.
 */
import { Fragment } from "react";

/** `address` cut where it may wrap: after `@`, and before each `.` that does not start it. */
export function addressParts(address: string): string[] {
  return address.split(/(?<=@)|(?<=.)(?=\.)/u).filter((part) => part !== "");
}

export function EmailText({ address }: { readonly address: string }) {
  return addressParts(address).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
