/**
 * `POST /dev/token {"email"}`: a sign-in for local development, served by the local host only
 * (never registered with Azure Functions); 404 unless `BCM_AUTH=dev`.
 */
import { DevTokenRequest } from "../../../src/shared/protocol";
import { notFound } from "../errors";
import { json, readJson, route } from "../http";
import { getServices } from "../services";

export const devToken = route(async (req) => {
  const { auth } = getServices();
  if (!auth.issueDevToken) throw notFound();
  const { email } = await readJson(req, DevTokenRequest);
  return json(200, { token: await auth.issueDevToken(email) });
});
