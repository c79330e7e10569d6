/**
 * `npm start` (started by the e2e global setup on free ports): the API answers its health
 * check, and the dev server serves the add-in's pages, icons and manifest over HTTPS.
 */
import { get } from "node:https";

/** GET over HTTPS, accepting the dev server's own certificate. */
function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }),
      );
    }).on("error", reject);
  });
}

test("the API answers /health with status ok", async () => {
  const res = await fetch(`${process.env.BCM_TEST_WEB_API_URL}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", protocol: 1, storage: "ok" });
});

test.each([
  "/taskpane.html",
  "/commands.html",
  "/harness.html",
  "/support.html",
  "/assets/icon-80.png",
])("the dev server serves %s over HTTPS", async (path) => {
  const res = await fetchText(`${process.env.BCM_TEST_WEB_URL}${path}`);
  expect(res.status).toBe(200);
});

test("the dev server serves the manifest, pointing at the add-in's address", async () => {
  const res = await fetchText(`${process.env.BCM_TEST_WEB_URL}/manifest.xml`);
  expect(res.status).toBe(200);
  expect(res.body).toContain(
    '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
  );
});
