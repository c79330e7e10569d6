/** The task pane's entry point: wait for Office (once) and the theme it asks for, then render. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initOffice } from "../office/office";
import { App } from "./App";
import { apiBaseUrl, clientAuthConfig, graphBaseUrl } from "../client/config";
import { createServices } from "../client/services";
import { openRememberedCopy } from "./useDatabase";
import { loadThemeFor } from "./useFluentTheme";
import { afterFirstContent } from "./ui/idle";

const container = document.getElementById("root");
if (!container) throw new Error("taskpane.html has no #root element");
// No dialog opens before the first content: the guard loads after it, outside the first script.
void afterFirstContent()
  .then(() => import("./ui/stale-aria-hidden"))
  .then((m) => m.releaseStaleAriaHidden(container));

void initOffice().then(async (session) => {
  const { search } = window.location;
  const services = createServices(apiBaseUrl(search), clientAuthConfig(), graphBaseUrl(search));
  const [remembered] = await Promise.all([
    openRememberedCopy(services, session.user),
    // A theme that cannot be loaded leaves the pane light.
    loadThemeFor(session.theme).catch(() => undefined),
  ]);
  createRoot(container).render(
    <StrictMode>
      <App session={session} services={services} remembered={remembered} />
    </StrictMode>,
  );
});
