// Points manifest.xml at the deployed add-in: webpack.config.js calls rewriteManifest when it
// copies the manifest to dist/, with BCM_ADDIN_URL. CommonJS because webpack.config.js is.
"use strict";

const DEV_ORIGIN = "https://localhost:3000";
/** The dev origin, not followed by a digit, so that a port like 30001 is never half-matched. */
const DEV_ORIGIN_PATTERN = /https:\/\/localhost:3000(?![0-9])/g;

/**
 * Replaces every https://localhost:3000 in the manifest with `baseUrl` (trailing slashes
 * dropped). An AppDomain gets the base URL's origin only, because AppDomains are origins.
 * @param {string} xml the manifest source
 * @param {string} baseUrl absolute https URL the add-in is served from, e.g. https://bcm.example.com
 * @returns {string} the rewritten manifest
 */
function rewriteManifest(xml, baseUrl) {
  const base = checkBaseUrl(baseUrl);
  const origin = new URL(base).origin;
  return xml
    .replaceAll(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${origin}</AppDomain>`)
    .replace(DEV_ORIGIN_PATTERN, base);
}

/** Returns `baseUrl` without trailing slashes, or throws if it can't be the add-in's home. */
function checkBaseUrl(baseUrl) {
  const problem = `The add-in base URL (BCM_ADDIN_URL) must be an absolute https URL such as https://bcm.example.com, got ${JSON.stringify(baseUrl)}`;
  let url;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(problem);
  }
  // Checked on the text too: new URL("https:host") would quietly read as https://host/.
  if (url.protocol !== "https:" || !baseUrl.startsWith("https://")) {
    throw new Error(`${problem}: Outlook loads add-ins over https only`);
  }
  // The value is pasted into XML attributes and joined with paths, so it must be a plain prefix.
  if (url.search || url.hash || /[\s"'<>&]/.test(baseUrl)) {
    throw new Error(`${problem}: no query, fragment, spaces or XML special characters`);
  }
  return baseUrl.replace(/\/+$/, "");
}

module.exports = { rewriteManifest };
