/** Why the last "Open in Outlook" did not open its item (useOpenInOutlook), dismissable. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { Dismiss16Regular } from "@fluentui/react-icons/svg/dismiss";
import type { OpenInOutlook } from "./useOpenInOutlook";

export function OpenItemProblem(props: { readonly opener: OpenInOutlook }) {
  const { problem, dismiss } = props.opener;
  if (problem === null) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{problem}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            size="small"
            aria-label="Dismiss"
            icon={<Dismiss16Regular />}
            onClick={dismiss}
          />
        }
      />
    </MessageBar>
  );
}
