/**
 * A member's subscription list: the contacts kept in their copy whatever their sync set says.
 * Listed by name (as this copy knows them), removed one by one, added by finding a contact.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import type { RecordOption } from "./SyncSetEditor";
import type { SharingResult } from "./useSharing";
import { WrappingDialogSurface } from "../ui/WrappingDialogSurface";

/** At most this many matches are offered at once: the user narrows the search instead. */
const MAX_MATCHES = 8;

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3 },
});

export function SubscriptionsDialog(props: {
  email: string;
  subscriptions: readonly string[];
  contacts: readonly RecordOption[];
  onAdd: (contactId: string) => Promise<SharingResult>;
  onRemove: (contactId: string) => Promise<SharingResult>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const listId = useId();
  const { email, subscriptions, contacts, onAdd, onRemove, onClose } = props;
  const [search, setSearch] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const names = new Map(contacts.map((c) => [c.id, c.name]));
  const subscribed = new Set(subscriptions);
  const term = search.trim().toLocaleLowerCase();
  const matches =
    term === ""
      ? []
      : contacts
          .filter((c) => !subscribed.has(c.id) && c.name.toLocaleLowerCase().includes(term))
          .slice(0, MAX_MATCHES);

  const run = async (work: () => Promise<SharingResult>) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await work();
      if (!result.ok) setProblem(result.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <WrappingDialogSurface>
        <DialogBody>
          <DialogTitle>Subscriptions of {email}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1>These contacts stay in {email}&apos;s copy whatever their sync set says.</Body1>
            <Subtitle2 as="h3" id={listId} className={styles.heading}>
              Subscribed contacts
            </Subtitle2>
            {subscriptions.length === 0 ? (
              <Caption1 className={styles.detail}>None yet.</Caption1>
            ) : (
              <ul className={styles.list} aria-labelledby={listId}>
                {subscriptions.map((id) => {
                  const name = names.get(id) ?? `Contact ${id}`;
                  return (
                    <li key={id} className={styles.item}>
                      <Text className={styles.name}>{name}</Text>
                      <Button
                        size="small"
                        disabled={busy}
                        aria-label={`Remove ${name}`}
                        onClick={() => void run(() => onRemove(id))}
                      >
                        Remove
                      </Button>
                    </li>
                  );
                })}
              </ul>
            )}
            <Field label="Find a contact to add">
              <Input value={search} onChange={(_, d) => setSearch(d.value)} />
            </Field>
            {term !== "" && matches.length === 0 && (
              <Caption1 className={styles.detail}>No contact to add matches.</Caption1>
            )}
            {matches.length > 0 && (
              <ul className={styles.list} aria-label="Contacts to add">
                {matches.map((c) => (
                  <li key={c.id} className={styles.item}>
                    <Text className={styles.name}>{c.name}</Text>
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={`Add ${c.name}`}
                      onClick={() => void run(() => onAdd(c.id))}
                    >
                      Add
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {problem && (
              <MessageBar intent="error">
                <MessageBarBody>{problem}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Done
            </Button>
          </DialogActions>
        </DialogBody>
      </WrappingDialogSurface>
    </Dialog>
  );
}
