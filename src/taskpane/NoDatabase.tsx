/** Signed in but a member of no database: say so, and offer to create one. */
import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useId, useState } from "react";
import { DatabaseName } from "../shared/protocol";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  heading: { margin: 0 },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  button: { alignSelf: "flex-start" },
});

export function NoDatabase(props: {
  ownerName: string;
  online: boolean;
  creating: boolean;
  onCreate: (name: string) => Promise<void>;
}) {
  const styles = useStyles();
  const headingId = useId();
  const { ownerName, online, creating, onCreate } = props;
  const [name, setName] = useState(
    ownerName ? `${ownerName}'s business contacts` : "Business contacts",
  );
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DatabaseName.safeParse(name);
    if (!parsed.success) {
      setInvalid(`The name ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    setInvalid(null);
    void onCreate(parsed.data);
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        No shared database yet
      </Subtitle2>
      <Body1>
        Create a database to keep your team&apos;s business contacts in one place. You become its
        owner, and you can share it with your colleagues.
      </Body1>
      {!online && <Body1>The database is offline: you can create one once it is back.</Body1>}
      <form className={styles.form} onSubmit={submit}>
        <Field
          label="Database name"
          validationState={invalid ? "error" : "none"}
          validationMessage={invalid}
        >
          <Input value={name} onChange={(_, data) => setName(data.value)} maxLength={100} />
        </Field>
        <Button
          className={styles.button}
          appearance="primary"
          type="submit"
          disabled={creating || !online}
          icon={creating ? <Spinner size="tiny" aria-hidden /> : null}
        >
          Create a database
        </Button>
      </form>
    </section>
  );
}
