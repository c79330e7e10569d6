/** "Create a database": a name, checked as the API checks it, then created (the caller owns it). */
import { Button, Field, Input, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import type { FormEvent } from "react";
import { useState } from "react";
import { DatabaseName } from "../../shared/protocol";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  button: { alignSelf: "flex-start" },
});

export function CreateDatabaseForm(props: {
  initialName: string;
  online: boolean;
  creating: boolean;
  onCreate: (name: string) => Promise<void>;
}) {
  const styles = useStyles();
  const { initialName, online, creating, onCreate } = props;
  const [name, setName] = useState(initialName);
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
    <form className={styles.form} onSubmit={submit}>
      <Field
        label="Database name"
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid}
        hint={online ? null : "The database is offline: you can create one once it is back."}
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
  );
}
