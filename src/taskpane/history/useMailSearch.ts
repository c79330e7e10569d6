/**
 * Whether and how the pane may search the user's mailbox ("Find e-mails"): given by the App when
 * the build has Microsoft Graph (src/client/config.ts, `graphBaseUrl`) and Outlook names the
 * user; null otherwise, and the card does not offer it.
 */
import { createContext, useContext } from "react";
import type { GraphMail } from "../../client/graph-mail";
import type { EmailAddress } from "../../office/office";

export interface MailSearch {
  readonly user: EmailAddress;
  /** Graph's mail search as the user, loaded on first use. */
  readonly open: () => Promise<GraphMail>;
}

export const MailSearchContext = createContext<MailSearch | null>(null);

export function useMailSearch(): MailSearch | null {
  return useContext(MailSearchContext);
}
