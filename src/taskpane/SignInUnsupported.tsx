/**
 * What the pane says where Outlook cannot sign the user in: the build signs in through Nested
 * App Authentication and this Outlook lacks it (src/office's requirement check, NestedAppAuth
 * 1.1). It says which Outlook can, and to ask the administrator; it never offers another way in.
 */
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";

const useStyles = makeStyles({
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

export function SignInUnsupported() {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>This Outlook cannot sign you in</MessageBarTitle>
        Business Contact Manager signs you in with your work account through Outlook, which this
        version of Outlook cannot do. Use Outlook on the web or the new Outlook for Windows, or
        update to Outlook for Windows Version 2409 or later (2408 for LTSC, 2501 for retail),
        Outlook for Mac 16.89 or later, or the current Outlook for iOS or Android. Outlook.com and
        Gmail mailboxes cannot sign in. If you are not sure which to use, ask your administrator.
      </MessageBarBody>
    </MessageBar>
  );
}
