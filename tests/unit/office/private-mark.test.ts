/** Which headers keep an e-mail out of automatic linking. */
import { privateMark } from "../../../src/office/headers";

const block = (...lines: string[]) =>
  ["Subject: Hello", ...lines, "MIME-Version: 1.0"].join("\r\n");

test.each([
  [block("Sensitivity: Private"), "private"],
  [block("sensitivity:   personal"), "personal"],
  [block("Sensitivity: Company-Confidential"), null],
  [
    block("Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m"),
    "encrypted",
  ],
  [block('Content-Type: application/x-pkcs7-mime; name="smime.p7m"'), "encrypted"],
  [block("Content-Type: application/pkcs7-mime; smime-type=signed-data"), null],
  [
    block(
      'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";',
      '\tboundary="b1"',
    ),
    "encrypted",
  ],
  [block('Content-Type: multipart/signed; protocol="application/pkcs7-signature"'), null],
  [block("Content-Type: text/plain"), null],
  ["", null],
] as const)("%j is %s", (headers, expected) => {
  expect(privateMark(headers)).toBe(expected);
});
