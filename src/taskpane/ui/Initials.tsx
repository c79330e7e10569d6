/**
 * A person's initials on a colour that follows their name, as Fluent's colourful Avatar shows
 * them (same palette, same choice of colour), and a person's line (initials, name, details) as
 * Fluent's Persona lays it out. Fluent's Avatar always brings its presence badge along, with 40
 * presence icons the pane never shows, and the contact list's rows are on the pane's first
 * paint. The initials are decorative: the name is always written beside them.
 */
import { Body1, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { EmailText } from "./EmailText";

const PALETTE = [
  "DarkRed",
  "Cranberry",
  "Red",
  "Pumpkin",
  "Peach",
  "Marigold",
  "Gold",
  "Brass",
  "Brown",
  "Forest",
  "Seafoam",
  "DarkGreen",
  "LightTeal",
  "Teal",
  "Steel",
  "Blue",
  "RoyalBlue",
  "Cornflower",
  "Navy",
  "Lavender",
  "Purple",
  "Grape",
  "Lilac",
  "Pink",
  "Magenta",
  "Plum",
  "Beige",
  "Mink",
  "Platinum",
  "Anchor",
] as const;

type PaletteColor = (typeof PALETTE)[number];

const useColors = makeStyles(
  Object.fromEntries(
    PALETTE.map((color) => [
      color,
      {
        color: tokens[`colorPalette${color}Foreground2`],
        backgroundColor: tokens[`colorPalette${color}Background2`],
      },
    ]),
  ) as Record<PaletteColor, { color: string; backgroundColor: string }>,
);

const useStyles = makeStyles({
  initials: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "32px",
    height: "32px",
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: 1,
  },
  line: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: 0 },
  text: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  secondary: { color: tokens.colorNeutralForeground2 },
});

/** The colour Fluent's Avatar gives a name (its hash, its palette's order). */
function colorOf(name: string): PaletteColor {
  let hash = 0;
  for (let i = name.length - 1; i >= 0; i--) {
    const ch = name.charCodeAt(i);
    const shift = i % 8;
    hash ^= (ch << shift) + (ch >> (8 - shift));
  }
  return PALETTE[hash % PALETTE.length] ?? "Anchor";
}

/** The first letters of a name's first and last words ("Renée Dubois" → "RD"). */
export function initialsOf(name: string): string {
  const words = name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .split(/\s+/)
    .filter((w) => /^[\p{L}\p{N}]/u.test(w));
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return [first, last]
    .map((w) => (w === undefined ? "" : String.fromCodePoint(w.codePointAt(0) ?? 0)))
    .join("")
    .toLocaleUpperCase();
}

export function Initials(props: { readonly name: string }) {
  const styles = useStyles();
  const colors = useColors();
  return (
    <span className={mergeClasses(styles.initials, colors[colorOf(props.name)])} aria-hidden>
      {initialsOf(props.name)}
    </span>
  );
}

/** A person: initials, name, and a line or two about them. */
export function PersonLine(props: {
  readonly name: string;
  /** The person's e-mail address, under the name. */
  readonly address?: string | null;
  readonly tertiary?: string | null;
}) {
  const styles = useStyles();
  return (
    <div className={styles.line}>
      <Initials name={props.name} />
      <span className={styles.text}>
        <Body1>{props.name}</Body1>
        {props.address && (
          <Caption1 className={styles.secondary}>
            <EmailText address={props.address} />
          </Caption1>
        )}
        {props.tertiary && <Caption1 className={styles.secondary}>{props.tertiary}</Caption1>}
      </span>
    </div>
  );
}
