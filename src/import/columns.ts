/**
 * Where the columns of a CSV file go: the column targets, the header sets of the programs whose
 * exports we know (Outlook desktop in several languages, Outlook.com, Google Contacts old and
 * new, Thunderbird, Windows Live Mail), and the guess of a mapping from a header row.
 *
 * A {@link ColumnTarget} is a string naming a place in `ContactFields` (src/shared/records.ts):
 *
 * | target                     | where the value goes                                              |
 * | -------------------------- | ----------------------------------------------------------------- |
 * | `givenName`, `middleName`, `familyName`, `displayName`, `fileAs`, `jobTitle`, `department`, `notes` | that field (several `notes` columns are joined, each but the file's own notes column headed by its column's name) |
 * | `name`                     | a full name: the display name, split into first and last name when the file has no columns for those |
 * | `namePrefix`, `nameSuffix` | "Dr.", "Jr.": no field of their own, they become part of the display name when the file gives none |
 * | `companyName`              | the organization: links the contact to a company made from it     |
 * | `birthday`                 | a date (`1/15/1980`, `15.01.1980`, `1980-01-15`, …)                  |
 * | `birthYear`, `birthMonth`, `birthDay` | the parts of a birthday in three columns (Thunderbird)  |
 * | `email`, `email:<label>`   | an e-mail address, with that label (`work`, `home`, `other`)       |
 * | `phone`, `phone:<label>`   | a telephone number, with that label (`work`, `home`, `mobile`, `fax`, `pager`, …) |
 * | `address.<part>`, `address:<label>.<part>` | a part of a postal address: `street`, `street2`, `street3`, `poBox`, `extended` (lines of the street), `city`, `region`, `postalCode`, `country`, `formatted` (the whole address, used as the street when no other part is there) |
 * | `email:#N`, `phone:#N`, `address:#N.<part>`, `website:#N` | entry N of a list whose label is in a column of its own (Google's `E-mail 1 - Label`) |
 * | `label:email#N`, `label:phone#N`, `label:address#N`, `label:website#N` | that label column; a leading `* ` marks Google's primary entry |
 * | `website`                  | a web address                                                      |
 * | `groups`                   | group names (Google's labels and group membership), `;` or ` ::: ` between them |
 * | `categories`               | category names (Outlook's Categories), into the contact's own `categories`, as vCard's CATEGORIES |
 * | `custom:<name>`            | a user-defined text field of that name; `custom:` alone takes the column's header as the name |
 * | `null`                     | the column is left out                                             |
 *
 * In Google's files one cell may hold several values joined by ` ::: `: e-mail, phone, website
 * and group cells are split there.
 */
import { fieldLabel, fieldsOf } from "../shared/records";
import type { ColumnMapping, ColumnTarget } from "./types";

const ADDRESS_LABELS = { work: "Work", home: "Home", other: "Other" } as const;
const PART_LABELS: Record<AddressPart, string> = {
  street: "street",
  street2: "street (line 2)",
  street3: "street (line 3)",
  poBox: "PO box",
  extended: "extended address",
  city: "city",
  region: "state or region",
  postalCode: "postal code",
  country: "country",
  formatted: "whole address",
};

/** The parts of a postal address a column may hold. */
export type AddressPart =
  | "street"
  | "street2"
  | "street3"
  | "poBox"
  | "extended"
  | "city"
  | "region"
  | "postalCode"
  | "country"
  | "formatted";
/** The drop-down's choices in the preview: each target a user may pick, with its label. */
export const COLUMN_TARGETS: readonly { target: ColumnTarget; label: string }[] = [
  { target: null, label: "Leave out" },
  { target: "custom:", label: "User-defined field (named like the column)" },
  field("notes"),
  { target: "name", label: "Full name" },
  ...(["givenName", "middleName", "familyName", "displayName", "fileAs"] as const).map(field),
  { target: "namePrefix", label: "Title (Dr., Ms.)" },
  { target: "nameSuffix", label: "Suffix (Jr., III)" },
  { target: "companyName", label: fieldLabel("companyId") },
  field("jobTitle"),
  field("department"),
  ...listTargets("email", "emails", ["work", "home", "other"]),
  ...listTargets("phone", "phones", ["work", "home", "mobile", "fax", "pager", "other"]),
  ...(["work", "home", "other"] as const).flatMap((label) =>
    (["street", "city", "region", "postalCode", "country"] as const).map((part) => ({
      target: `address:${label}.${part}`,
      label: `${ADDRESS_LABELS[label]} address: ${PART_LABELS[part]}`,
    })),
  ),
  { target: "website", label: itemWord("websites") },
  field("birthday"),
  { target: "groups", label: fieldLabel("groupIds") },
  field("categories"),
];

/** A target that is a contact field, labelled as the field table labels it. */
function field(name: string) {
  return { target: name, label: fieldLabel(name) };
}

/** The field table's word for one item of a list ("E-mail"). */
function itemWord(list: string): string {
  return fieldsOf("contact").find(([name]) => name === list)?.[1].item ?? list;
}

/** `email`, `email:work`…: a list's item, unlabelled then with each label. */
function listTargets(kind: string, list: string, labels: readonly string[]) {
  const word = itemWord(list);
  return [
    { target: kind, label: word },
    ...labels.map((l) => ({ target: `${kind}:${l}`, label: `${word} (${l})` })),
  ];
}

const ADDRESS_PARTS = new Set<string>(Object.keys(PART_LABELS));

/** A target taken apart; see the table at the top of this file. */
export type ParsedTarget =
  | { kind: "field"; field: FieldTarget }
  | { kind: "email" | "phone" | "website"; label: string | null; slot: number | null }
  | { kind: "address"; label: string | null; slot: number | null; part: AddressPart }
  | { kind: "label"; of: "email" | "phone" | "address" | "website"; slot: number }
  | { kind: "custom"; name: string | null };

const FIELD_TARGETS = [
  "givenName",
  "middleName",
  "familyName",
  "displayName",
  "fileAs",
  "name",
  "namePrefix",
  "nameSuffix",
  "companyName",
  "jobTitle",
  "department",
  "notes",
  "birthday",
  "birthYear",
  "birthMonth",
  "birthDay",
  "groups",
  "categories",
] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];
const FIELD_SET = new Set<string>(FIELD_TARGETS);

/** Takes a target apart, or answers null for a string that names no target. */
export function parseTarget(target: string): ParsedTarget | null {
  if (FIELD_SET.has(target)) return { kind: "field", field: target as FieldTarget };
  if (target.startsWith("custom:")) {
    const name = target.slice("custom:".length);
    return { kind: "custom", name: name === "" ? null : name };
  }
  const label = /^label:(email|phone|address|website)#([1-9]\d*)$/.exec(target);
  if (label) return { kind: "label", of: label[1] as "email", slot: Number(label[2]) };
  const entry = /^(email|phone|website)(?::(?:#([1-9]\d*)|([^#].*)))?$/.exec(target);
  if (entry)
    return {
      kind: entry[1] as "email",
      slot: entry[2] === undefined ? null : Number(entry[2]),
      label: entry[3] ?? null,
    };
  const address = /^address(?::(?:#([1-9]\d*)|([^#.][^.]*)))?\.(\w+)$/.exec(target);
  if (address && ADDRESS_PARTS.has(address[3]!))
    return {
      kind: "address",
      slot: address[1] === undefined ? null : Number(address[1]),
      label: address[2] ?? null,
      part: address[3] as AddressPart,
    };
  return null;
}

/** Words for any target, for the preview (targets outside {@link COLUMN_TARGETS} too). */
export function describeTarget(target: ColumnTarget, header = ""): string {
  if (target === null) return "Leave out";
  if (target === "custom:" && header !== "") return `User-defined field “${header}”`;
  const known = COLUMN_TARGETS.find((t) => t.target === target);
  if (known) return known.label;
  const parsed = parseTarget(target);
  if (parsed === null) return target;
  const what = { email: "E-mail", phone: "Phone", website: "Web page", address: "Address" };
  switch (parsed.kind) {
    case "field":
      return parsed.field;
    case "custom":
      return `User-defined field “${parsed.name ?? header}”`;
    case "label":
      return `${what[parsed.of]} ${parsed.slot}: its label`;
    case "address": {
      const which =
        parsed.slot !== null ? ` ${parsed.slot}` : parsed.label ? ` (${parsed.label})` : "";
      return `Address${which}: ${PART_LABELS[parsed.part]}`;
    }
    default:
      return parsed.slot !== null
        ? `${what[parsed.kind]} ${parsed.slot}`
        : `${what[parsed.kind]} (${parsed.label})`;
  }
}

/**
 * A header as a key: case, accents, spaces and punctuation ignored (`E-Mail 2: Adresse`,
 * `e-mail 2 adresse` and `EMail2Adresse` are one key), `ß` read as `ss`. Headers in scripts
 * without case (Japanese) keep their letters.
 */
export function headerKey(header: string): string {
  return (
    header
      .normalize("NFKD")
      // Latin, Greek and Cyrillic accents only: kana keep their voicing marks (ド is not ト).
      .replace(/[\u0300-\u036f]/g, "")
      .normalize("NFC")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/[^\p{L}\p{N}]/gu, "")
  );
}

// ---------------------------------------------------------------------------------------------
// Outlook desktop. Its export's 92 columns in their order (the English names; File > Open &
// Export > Import/Export > Export to a file > Comma Separated Values), and where each goes.
// Columns without a place of their own become user-defined text fields; the ones Outlook fills
// with its defaults on every row ("Normal", "Unspecified", "SMTP", "False") are left out.
// ---------------------------------------------------------------------------------------------

const OUTLOOK_ADDRESS = (label: "work" | "home" | "other", prefix: string) =>
  [
    [`${prefix} Street`, `address:${label}.street`],
    [`${prefix} Street 2`, `address:${label}.street2`],
    [`${prefix} Street 3`, `address:${label}.street3`],
    [`${prefix} City`, `address:${label}.city`],
    [`${prefix} State`, `address:${label}.region`],
    [`${prefix} Postal Code`, `address:${label}.postalCode`],
    [`${prefix} Country/Region`, `address:${label}.country`],
  ] as const;

/** Outlook's column set in English, in the order of its export, with each column's target. */
export const OUTLOOK_COLUMNS: readonly (readonly [string, ColumnTarget])[] = [
  ["Title", "namePrefix"],
  ["First Name", "givenName"],
  ["Middle Name", "middleName"],
  ["Last Name", "familyName"],
  ["Suffix", "nameSuffix"],
  ["Company", "companyName"],
  ["Department", "department"],
  ["Job Title", "jobTitle"],
  ...OUTLOOK_ADDRESS("work", "Business"),
  ...OUTLOOK_ADDRESS("home", "Home"),
  ...OUTLOOK_ADDRESS("other", "Other"),
  ["Assistant's Phone", "phone:assistant"],
  ["Business Fax", "phone:fax"],
  ["Business Phone", "phone:work"],
  ["Business Phone 2", "phone:work"],
  ["Callback", "phone:callback"],
  ["Car Phone", "phone:car"],
  ["Company Main Phone", "phone:company"],
  ["Home Fax", "phone:home fax"],
  ["Home Phone", "phone:home"],
  ["Home Phone 2", "phone:home"],
  ["ISDN", "phone:isdn"],
  ["Mobile Phone", "phone:mobile"],
  ["Other Fax", "phone:other fax"],
  ["Other Phone", "phone:other"],
  ["Pager", "phone:pager"],
  ["Primary Phone", "phone:main"],
  ["Radio Phone", "phone:radio"],
  ["TTY/TDD Phone", "phone:tty"],
  ["Telex", "phone:telex"],
  ["Account", "custom:"],
  ["Anniversary", "custom:"],
  ["Assistant's Name", "custom:"],
  ["Billing Information", "custom:"],
  ["Birthday", "birthday"],
  ["Business Address PO Box", "address:work.poBox"],
  ["Categories", "categories"],
  ["Children", "custom:"],
  ["Directory Server", "custom:"],
  ["E-mail Address", "email"],
  ["E-mail Type", null],
  ["E-mail Display Name", null],
  ["E-mail 2 Address", "email"],
  ["E-mail 2 Type", null],
  ["E-mail 2 Display Name", null],
  ["E-mail 3 Address", "email"],
  ["E-mail 3 Type", null],
  ["E-mail 3 Display Name", null],
  ["Gender", null],
  ["Government ID Number", "custom:"],
  ["Hobby", "custom:"],
  ["Home Address PO Box", "address:home.poBox"],
  ["Initials", null],
  ["Internet Free Busy", null],
  ["Keywords", "custom:"],
  ["Language", "custom:"],
  ["Location", "custom:"],
  ["Manager's Name", "custom:"],
  ["Mileage", "custom:"],
  ["Notes", "notes"],
  ["Office Location", "custom:"],
  ["Organizational ID Number", "custom:"],
  ["Other Address PO Box", "address:other.poBox"],
  ["Priority", null],
  ["Private", null],
  ["Profession", "custom:"],
  ["Referred By", "custom:"],
  ["Sensitivity", null],
  ["Spouse", "custom:"],
  ["User 1", "custom:"],
  ["User 2", "custom:"],
  ["User 3", "custom:"],
  ["User 4", "custom:"],
  ["Web Page", "website"],
];

/** English column name → target, for the localized tables below. */
const OUTLOOK_TARGET = new Map<string, ColumnTarget>(OUTLOOK_COLUMNS);

/** A localized column's English name: `[English, localized]` pairs. */
type Localized = readonly (readonly [string, string])[];

/** Expands `Street`, `Street 2`, `Street 3` from one localized street name and its suffixes. */
const streets = (english: string, name: string, two: string, three: string) =>
  [
    [`${english} Street`, name],
    [`${english} Street 2`, two],
    [`${english} Street 3`, three],
  ] as const;

/**
 * Outlook's column names in other languages, as Outlook writes them in its export. Only the
 * columns that go somewhere or that are left out are listed: any other column of a recognized
 * file becomes a user-defined field named by its header. Several Outlook versions left some
 * columns in English; a localized set also knows every English name. Two columns with the same
 * localized name (French `Titre` for Title and Job Title) are told apart by their order.
 */
const OUTLOOK_LOCALIZED: Record<string, { label: string; columns: Localized }> = {
  de: {
    label: "Outlook (German)",
    columns: [
      ["Title", "Anrede"],
      ["First Name", "Vorname"],
      ["Middle Name", "Weitere Vornamen"],
      ["Last Name", "Nachname"],
      ["Suffix", "Suffix"],
      ["Company", "Firma"],
      ["Department", "Abteilung"],
      ["Job Title", "Position"],
      ...streets(
        "Business",
        "Straße geschäftlich",
        "Straße geschäftlich 2",
        "Straße geschäftlich 3",
      ),
      ["Business City", "Ort geschäftlich"],
      ["Business State", "Region geschäftlich"],
      ["Business State", "Bundesland geschäftlich"],
      ["Business Postal Code", "Postleitzahl geschäftlich"],
      ["Business Country/Region", "Land/Region geschäftlich"],
      ...streets("Home", "Straße privat", "Straße privat 2", "Straße privat 3"),
      ["Home City", "Ort privat"],
      ["Home State", "Bundesland/Kanton privat"],
      ["Home State", "Bundesland privat"],
      ["Home Postal Code", "Postleitzahl privat"],
      ["Home Country/Region", "Land/Region privat"],
      ...streets("Other", "Weitere Straße", "Weitere Straße 2", "Weitere Straße 3"),
      ["Other City", "Weiterer Ort"],
      ["Other State", "Weiteres/r Bundesland/Kanton"],
      ["Other Postal Code", "Weitere Postleitzahl"],
      ["Other Country/Region", "Weiteres/e Land/Region"],
      ["Assistant's Phone", "Telefon Assistent"],
      ["Business Fax", "Fax geschäftlich"],
      ["Business Phone", "Telefon geschäftlich"],
      ["Business Phone 2", "Telefon geschäftlich 2"],
      ["Callback", "Rückmeldung"],
      ["Car Phone", "Autotelefon"],
      ["Company Main Phone", "Telefon Firma"],
      ["Home Fax", "Fax privat"],
      ["Home Phone", "Telefon privat"],
      ["Home Phone 2", "Telefon privat 2"],
      ["Mobile Phone", "Mobiltelefon"],
      ["Other Fax", "Weiteres Fax"],
      ["Other Phone", "Weiteres Telefon"],
      ["Primary Phone", "Haupttelefon"],
      ["Radio Phone", "Mobiltelefon 2"],
      ["TTY/TDD Phone", "Telefon für Hörbehinderte"],
      ["Birthday", "Geburtstag"],
      ["Business Address PO Box", "Postfach geschäftlich"],
      ["Home Address PO Box", "Postfach privat"],
      ["Other Address PO Box", "Weiteres Postfach"],
      ["Categories", "Kategorien"],
      ["E-mail Address", "E-Mail-Adresse"],
      ["E-mail Type", "E-Mail-Typ"],
      ["E-mail Display Name", "E-Mail: Angezeigter Name"],
      ["E-mail 2 Address", "E-Mail 2: Adresse"],
      ["E-mail 2 Type", "E-Mail 2: Typ"],
      ["E-mail 2 Display Name", "E-Mail 2: Angezeigter Name"],
      ["E-mail 3 Address", "E-Mail 3: Adresse"],
      ["E-mail 3 Type", "E-Mail 3: Typ"],
      ["E-mail 3 Display Name", "E-Mail 3: Angezeigter Name"],
      ["Gender", "Geschlecht"],
      ["Initials", "Initialen"],
      ["Internet Free Busy", "Internet-Frei/Gebucht"],
      ["Notes", "Notizen"],
      ["Priority", "Priorität"],
      ["Private", "Privat"],
      ["Sensitivity", "Vertraulichkeit"],
      ["Web Page", "Webseite"],
    ],
  },
  fr: {
    label: "Outlook (French)",
    columns: [
      ["Title", "Titre"],
      ["First Name", "Prénom"],
      ["Middle Name", "Deuxième prénom"],
      ["Last Name", "Nom"],
      ["Suffix", "Suffixe"],
      ["Company", "Société"],
      ["Department", "Service"],
      ["Job Title", "Titre"],
      ...streets("Business", "Rue (bureau)", "Rue (bureau) 2", "Rue (bureau) 3"),
      ["Business City", "Ville (bureau)"],
      ["Business State", "Dép/Région (bureau)"],
      ["Business Postal Code", "Code postal (bureau)"],
      ["Business Country/Region", "Pays/Région (bureau)"],
      ...streets("Home", "Rue (domicile)", "Rue (domicile) 2", "Rue (domicile) 3"),
      ["Home City", "Ville (domicile)"],
      ["Home State", "Dép/Région (domicile)"],
      ["Home Postal Code", "Code postal (domicile)"],
      ["Home Country/Region", "Pays/Région (domicile)"],
      ...streets("Other", "Rue (autre)", "Rue (autre) 2", "Rue (autre) 3"),
      ["Other City", "Ville (autre)"],
      ["Other State", "Dép/Région (autre)"],
      ["Other Postal Code", "Code postal (autre)"],
      ["Other Country/Region", "Pays/Région (autre)"],
      ["Assistant's Phone", "Téléphone de l'assistant(e)"],
      ["Business Fax", "Télécopie (bureau)"],
      ["Business Phone", "Téléphone (bureau)"],
      ["Business Phone 2", "Téléphone 2 (bureau)"],
      ["Callback", "Rappel"],
      ["Car Phone", "Téléphone (voiture)"],
      ["Company Main Phone", "Téléphone société"],
      ["Home Fax", "Télécopie (domicile)"],
      ["Home Phone", "Téléphone (domicile)"],
      ["Home Phone 2", "Téléphone 2 (domicile)"],
      ["ISDN", "RNIS"],
      ["Mobile Phone", "Tél. mobile"],
      ["Other Fax", "Télécopie (autre)"],
      ["Other Phone", "Téléphone (autre)"],
      ["Pager", "Récepteur de radiomessagerie"],
      ["Primary Phone", "Téléphone principal"],
      ["Radio Phone", "Radio téléphone"],
      ["TTY/TDD Phone", "Téléphone TDD/TTY"],
      ["Telex", "Télex"],
      ["Birthday", "Anniversaire"],
      ["Business Address PO Box", "B.P. professionnelle"],
      ["Home Address PO Box", "Boîte postale du domicile"],
      ["Other Address PO Box", "Autre boîte postale"],
      ["Categories", "Catégories"],
      ["E-mail Address", "Adresse de messagerie"],
      ["E-mail Type", "Type de messagerie"],
      ["E-mail Display Name", "Nom complet de l'adresse de messagerie"],
      ["E-mail 2 Address", "Adresse de messagerie 2"],
      ["E-mail 2 Type", "Type de messagerie 2"],
      ["E-mail 2 Display Name", "Nom complet de l'adresse de messagerie 2"],
      ["E-mail 3 Address", "Adresse de messagerie 3"],
      ["E-mail 3 Type", "Type de messagerie 3"],
      ["E-mail 3 Display Name", "Nom complet de l'adresse de messagerie 3"],
      ["Gender", "Sexe"],
      ["Initials", "Initiales"],
      ["Internet Free Busy", "Disponibilité Internet"],
      ["Priority", "Priorité"],
      ["Private", "Privé"],
      ["Sensitivity", "Critère de diffusion"],
      ["Web Page", "Page Web"],
    ],
  },
  es: {
    label: "Outlook (Spanish)",
    columns: [
      ["Title", "Tratamiento"],
      ["First Name", "Nombre"],
      ["Middle Name", "Segundo nombre"],
      ["Last Name", "Apellidos"],
      ["Suffix", "Sufijo"],
      ["Company", "Organización"],
      ["Company", "Compañía"],
      ["Department", "Departamento"],
      ["Job Title", "Puesto"],
      ...streets("Business", "Calle del trabajo", "Calle del trabajo 2", "Calle del trabajo 3"),
      ["Business City", "Ciudad de trabajo"],
      ["Business State", "Provincia o estado de trabajo"],
      ["Business Postal Code", "Código postal del trabajo"],
      ["Business Country/Region", "País o región del trabajo"],
      ...streets("Home", "Calle del domicilio", "Calle del domicilio 2", "Calle del domicilio 3"),
      ["Home City", "Ciudad del domicilio"],
      ["Home State", "Provincia o estado del domicilio"],
      ["Home Postal Code", "Código postal del domicilio"],
      ["Home Country/Region", "País o región del domicilio"],
      ...streets("Other", "Otra calle", "Otra calle 2", "Otra calle 3"),
      ["Other City", "Otra ciudad"],
      ["Other State", "Otra provincia o estado"],
      ["Other Postal Code", "Otro código postal"],
      ["Other Country/Region", "Otro país o región"],
      ["Business Fax", "Fax del trabajo"],
      ["Business Phone", "Teléfono del trabajo"],
      ["Business Phone 2", "Teléfono del trabajo 2"],
      ["Callback", "Devolución de llamada"],
      ["Company Main Phone", "Número de centralita de la organización"],
      ["Home Fax", "Fax particular"],
      ["Home Phone", "Particular"],
      ["Home Phone 2", "Particular 2"],
      ["Mobile Phone", "Móvil"],
      ["Other Fax", "Otro fax"],
      ["Other Phone", "Otro teléfono"],
      ["Pager", "Localizador"],
      ["Primary Phone", "Teléfono principal"],
      ["Radio Phone", "Radioteléfono"],
      ["TTY/TDD Phone", "Número de teletipo"],
      ["Telex", "Télex"],
      ["Birthday", "Cumpleaños"],
      ["Business Address PO Box", "Apartado postal de la dirección del trabajo"],
      ["Home Address PO Box", "Apartado postal de la dirección personal"],
      ["Other Address PO Box", "Otro apartado postal"],
      ["Categories", "Categorías"],
      ["E-mail Address", "Dirección de correo electrónico"],
      ["E-mail Type", "Tipo de correo electrónico"],
      ["E-mail Display Name", "Nombre de pantalla de correo electrónico"],
      ["E-mail 2 Address", "Dirección de correo electrónico 2"],
      ["E-mail 2 Type", "Tipo de correo electrónico 2"],
      ["E-mail 2 Display Name", "Nombre de pantalla de correo electrónico 2"],
      ["E-mail 3 Address", "Dirección del correo electrónico 3"],
      ["E-mail 3 Address", "Dirección de correo electrónico 3"],
      ["E-mail 3 Type", "Tipo de correo electrónico 3"],
      ["E-mail 3 Display Name", "Nombre de pantalla de correo electrónico 3"],
      ["Gender", "Género"],
      ["Initials", "Iniciales"],
      ["Notes", "Notas"],
      ["Priority", "Prioridad"],
      ["Private", "Privado"],
      ["Sensitivity", "Confidencialidad"],
      ["Web Page", "Página web"],
    ],
  },
  it: {
    label: "Outlook (Italian)",
    columns: [
      ["Title", "Titolo"],
      ["First Name", "Nome"],
      ["Middle Name", "Secondo nome"],
      ["Last Name", "Cognome"],
      ["Suffix", "Titolo straniero"],
      ["Company", "Società"],
      ["Department", "Reparto"],
      ["Job Title", "Posizione"],
      ...streets("Business", "Via (uff.)", "Via (uff.) 2", "Via (uff.) 3"),
      ["Business City", "Città (uff.)"],
      ["Business State", "Provincia (uff.)"],
      ["Business Postal Code", "CAP (uff.)"],
      ["Business Country/Region", "Paese (uff.)"],
      ...streets("Home", "Via (ab.)", "Via (ab.) 2", "Via (ab.) 3"),
      ["Home City", "Città (ab.)"],
      ["Home State", "Provincia (ab.)"],
      ["Home Postal Code", "CAP (ab.)"],
      ["Home Country/Region", "Paese (ab.)"],
      ...streets("Other", "Altra via", "Altra via 2", "Altra via 3"),
      ["Other City", "Altra città"],
      ["Other State", "Altra provincia"],
      ["Other Postal Code", "Altro CAP"],
      ["Other Country/Region", "Altro paese"],
      ["Assistant's Phone", "Telefono assistente"],
      ["Business Fax", "Fax (uff.)"],
      ["Business Phone", "Ufficio"],
      ["Business Phone 2", "Ufficio 2"],
      ["Callback", "Richiamata automatica"],
      ["Car Phone", "Telefono auto"],
      ["Company Main Phone", "Telefono principale società"],
      ["Home Fax", "Fax (ab.)"],
      ["Home Phone", "Abitazione"],
      ["Home Phone 2", "Abitazione 2"],
      ["Mobile Phone", "Cellulare"],
      ["Other Fax", "Altro fax"],
      ["Other Phone", "Altro telefono"],
      ["Pager", "Cercapersone"],
      ["Primary Phone", "Telefono principale"],
      ["Radio Phone", "Radiotelefono"],
      ["TTY/TDD Phone", "Telefono TTY/TDD"],
      ["Birthday", "Compleanno"],
      ["Business Address PO Box", "Indirizzo (uff.) - Casella postale"],
      ["Home Address PO Box", "Indirizzo (ab.) - Casella postale"],
      ["Other Address PO Box", "Altro indirizzo - Casella postale"],
      ["Categories", "Categorie"],
      ["E-mail Address", "Indirizzo posta elettronica"],
      ["E-mail Type", "Tipo posta elettronica"],
      ["E-mail Display Name", "Nome visualizzato posta elettronica"],
      ["E-mail 2 Address", "Indirizzo posta elettronica 2"],
      ["E-mail 2 Type", "Tipo posta elettronica 2"],
      ["E-mail 2 Display Name", "Nome visualizzato posta elettronica 2"],
      ["E-mail 3 Address", "Indirizzo posta elettronica 3"],
      ["E-mail 3 Type", "Tipo posta elettronica 3"],
      ["E-mail 3 Display Name", "Nome visualizzato posta elettronica 3"],
      ["Gender", "Sesso"],
      ["Initials", "Iniziali"],
      ["Internet Free Busy", "Disponibilità Internet"],
      ["Notes", "Note"],
      ["Priority", "Priorità"],
      ["Private", "Privato"],
      ["Sensitivity", "Riservatezza"],
      ["Web Page", "Pagina Web"],
    ],
  },
  nl: {
    // Not checked against an export of a Dutch Outlook: the names most seen in the wild.
    label: "Outlook (Dutch)",
    columns: [
      ["Title", "Titel"],
      ["First Name", "Voornaam"],
      ["Middle Name", "Middelste naam"],
      ["Last Name", "Achternaam"],
      ["Suffix", "Achtervoegsel"],
      ["Company", "Bedrijf"],
      ["Department", "Afdeling"],
      ["Job Title", "Functie"],
      ...streets("Business", "Werkadres", "Werkadres 2", "Werkadres 3"),
      ["Business City", "Plaats (werk)"],
      ["Business State", "Provincie (werk)"],
      ["Business Postal Code", "Postcode (werk)"],
      ["Business Country/Region", "Land/regio (werk)"],
      ...streets("Home", "Huisadres", "Huisadres 2", "Huisadres 3"),
      ["Home City", "Woonplaats"],
      ["Home State", "Provincie (thuis)"],
      ["Home Postal Code", "Postcode (thuis)"],
      ["Home Country/Region", "Land/regio (thuis)"],
      ...streets("Other", "Ander adres", "Ander adres 2", "Ander adres 3"),
      ["Other City", "Andere plaats"],
      ["Other State", "Andere provincie"],
      ["Other Postal Code", "Andere postcode"],
      ["Other Country/Region", "Ander land/regio"],
      ["Assistant's Phone", "Telefoon assistent"],
      ["Business Fax", "Fax op werk"],
      ["Business Phone", "Telefoon op werk"],
      ["Business Phone 2", "Telefoon op werk 2"],
      ["Car Phone", "Autotelefoon"],
      ["Company Main Phone", "Hoofdtelefoon bedrijf"],
      ["Home Fax", "Fax thuis"],
      ["Home Phone", "Telefoon thuis"],
      ["Home Phone 2", "Telefoon thuis 2"],
      ["Mobile Phone", "Mobiele telefoon"],
      ["Other Fax", "Andere fax"],
      ["Other Phone", "Andere telefoon"],
      ["Pager", "Pieper"],
      ["Primary Phone", "Hoofdtelefoon"],
      ["Birthday", "Verjaardag"],
      ["Categories", "Categorieën"],
      ["E-mail Address", "E-mailadres"],
      ["E-mail 2 Address", "E-mailadres 2"],
      ["E-mail 3 Address", "E-mailadres 3"],
      ["Gender", "Geslacht"],
      ["Notes", "Notities"],
      ["Priority", "Prioriteit"],
      ["Private", "Privé"],
      ["Sensitivity", "Gevoeligheid"],
      ["Web Page", "Webpagina"],
    ],
  },
  "pt-BR": {
    label: "Outlook (Portuguese, Brazil)",
    columns: [
      ["Title", "Tratamento"],
      ["First Name", "Primeiro nome"],
      ["Middle Name", "Segundo nome"],
      ["Last Name", "Sobrenome"],
      ["Suffix", "Sufixo"],
      ["Company", "Empresa"],
      ["Department", "Departamento"],
      ["Job Title", "Cargo"],
      ...streets(
        "Business",
        "Rua do endereço comercial",
        "Rua do endereço comercial 2",
        "Rua do endereço comercial 3",
      ),
      ["Business City", "Cidade do endereço comercial"],
      ["Business State", "Estado do endereço comercial"],
      ["Business Postal Code", "CEP do endereço comercial"],
      ["Business Country/Region", "País/Região da Empresa"],
      ...streets(
        "Home",
        "Endereço residencial",
        "Endereço residencial 2",
        "Endereço residencial 3",
      ),
      ["Home City", "Cidade do endereço residencial"],
      ["Home State", "Estado"],
      ["Home Postal Code", "CEP do endereço residencial"],
      ["Home Country/Region", "País/Região de Residência"],
      ...streets("Other", "Outro endereço", "Outro endereço 2", "Outro endereço 3"),
      ["Other City", "Cidade"],
      ["Other State", "Outro Estado"],
      ["Other Postal Code", "CEP"],
      ["Other Country/Region", "Outro País/Região"],
      ["Assistant's Phone", "Telefone do assistente"],
      ["Business Fax", "Fax comercial"],
      ["Business Phone", "Telefone comercial"],
      ["Business Phone 2", "Telefone comercial 2"],
      ["Callback", "Retorno de chamada"],
      ["Car Phone", "Telefone do carro"],
      ["Company Main Phone", "Telefone principal da empresa"],
      ["Home Fax", "Fax residencial"],
      ["Home Phone", "Telefone residencial"],
      ["Home Phone 2", "Telefone residencial 2"],
      ["Mobile Phone", "Telefone celular"],
      ["Other Fax", "Outro fax"],
      ["Other Phone", "Outro telefone"],
      ["Primary Phone", "Telefone principal"],
      ["Radio Phone", "Radiofone"],
      ["TTY/TDD Phone", "Telefone TTY/TDD"],
      ["Business Address PO Box", "Caixa postal do endereço comercial"],
      ["Home Address PO Box", "Caixa postal do endereço residencial"],
      ["Other Address PO Box", "Caixa postal de outro endereço"],
      ["Categories", "Categorias"],
      ["E-mail Address", "Endereço de email"],
      ["E-mail Type", "Tipo de email"],
      ["E-mail Display Name", "Nome para exibição do email"],
      ["E-mail 2 Address", "Endereço de email 2"],
      ["E-mail 2 Type", "Tipo de email 2"],
      ["E-mail 2 Display Name", "Nome para exibição do email 2"],
      ["E-mail 3 Address", "Endereço de email 3"],
      ["E-mail 3 Type", "Tipo de email 3"],
      ["E-mail 3 Display Name", "Nome para exibição do email 3"],
      ["Gender", "Sexo"],
      ["Initials", "Iniciais"],
      ["Internet Free Busy", "Disponibilidade da Internet"],
      ["Notes", "Anotações"],
      ["Priority", "Prioridade"],
      ["Private", "Particular"],
      ["Sensitivity", "Sensibilidade"],
      ["Web Page", "Página da Web"],
    ],
  },
  "pt-PT": {
    label: "Outlook (Portuguese, Portugal)",
    columns: [
      ["Title", "Título"],
      ["First Name", "Primeiro nome"],
      ["Middle Name", "Outros nomes/apelidos"],
      ["Last Name", "Apelido"],
      ["Suffix", "Sufixo"],
      ["Company", "Empresa"],
      ["Department", "Departamento"],
      ["Job Title", "Cargo"],
      ...streets("Business", "Rua da empresa", "Rua da empresa 2", "Rua da empresa 3"),
      ["Business City", "Localidade da empresa"],
      ["Business State", "Distrito da empresa"],
      ["Business Postal Code", "Código postal da empresa"],
      ["Business Country/Region", "País/Região da Empresa"],
      ...streets("Home", "Rua da residência", "Rua da residência (2)", "Rua da residência (3)"),
      ["Home City", "Localidade da residência"],
      ["Home State", "Distrito da residência"],
      ["Home Postal Code", "Código postal da residência"],
      ["Home Country/Region", "País da Residência/Região"],
      ...streets(
        "Other",
        "Rua do outro endereço",
        "Rua do outro endereço 2",
        "Rua do outro endereço 3",
      ),
      ["Other City", "Localidade do outro endereço"],
      ["Other State", "Distrito do outro endereço"],
      ["Other Postal Code", "Código postal do outro endereço"],
      ["Other Country/Region", "Outro País/Região"],
      ["Assistant's Phone", "Telefone do assistente"],
      ["Business Fax", "Fax da empresa"],
      ["Business Phone", "Telefone da empresa"],
      ["Business Phone 2", "2º telefone da empresa"],
      ["Callback", "Tel. de resposta"],
      ["Car Phone", "Telefone do carro"],
      ["Company Main Phone", "Telefone principal da empresa"],
      ["Home Fax", "Fax da residência"],
      ["Home Phone", "Telefone da residência"],
      ["Home Phone 2", "2º telefone da residência"],
      ["ISDN", "RDIS"],
      ["Mobile Phone", "Telemóvel"],
      ["Other Fax", "Outro fax"],
      ["Other Phone", "Outro telefone"],
      ["Primary Phone", "Telefone principal"],
      ["Radio Phone", "Radiotelefone"],
      ["TTY/TDD Phone", "Telefone TTY/TDD"],
      ["Birthday", "Data de nascimento"],
      ["Business Address PO Box", "Apartado da empresa"],
      ["Home Address PO Box", "Apartado da residência"],
      ["Other Address PO Box", "Apartado do outro endereço"],
      ["Categories", "Categorias"],
      ["E-mail Address", "Endereço de correio electrónico"],
      ["E-mail Type", "Tipo de correio electrónico"],
      ["E-mail Display Name", "Nome a apresentar para o correio electrónico"],
      ["E-mail 2 Address", "Endereço do correio electrónico 2"],
      ["E-mail 2 Type", "Tipo de correio electrónico 2"],
      ["E-mail 2 Display Name", "Nome a apresentar para o correio electrónico 2"],
      ["E-mail 3 Address", "Endereço do correio electrónico 3"],
      ["E-mail 3 Type", "Tipo de correio electrónico 3"],
      ["E-mail 3 Display Name", "Nome a apresentar para o correio electrónico 3"],
      ["Gender", "Sexo"],
      ["Initials", "Iniciais"],
      ["Internet Free Busy", "Disponibilidade da Internet"],
      ["Notes", "Notas"],
      ["Priority", "Prioridade"],
      ["Sensitivity", "Confidencialidade"],
      ["Web Page", "Página na Web"],
    ],
  },
  pl: {
    label: "Outlook (Polish)",
    columns: [
      ["Title", "Tytuł"],
      ["First Name", "Imię"],
      ["Middle Name", "Drugie imię"],
      ["Last Name", "Nazwisko"],
      ["Suffix", "Sufiks"],
      ["Company", "Firma"],
      ["Department", "Dział"],
      ["Job Title", "Stanowisko"],
      ...streets(
        "Business",
        "Adres służbowy - ulica",
        "Adres służbowy - ulica 2",
        "Adres służbowy - ulica 3",
      ),
      ["Business City", "Adres służbowy - miejscowość"],
      ["Business State", "Adres służbowy - województwo"],
      ["Business Postal Code", "Adres służbowy - kod pocztowy"],
      ["Business Country/Region", "Adres służbowy - kraj/region"],
      ...streets(
        "Home",
        "Adres domowy - ulica",
        "Adres domowy - ulica (2)",
        "Adres domowy - ulica (3)",
      ),
      ["Home City", "Adres domowy - miejscowość"],
      ["Home State", "Adres domowy - województwo"],
      ["Home Postal Code", "Adres domowy - kod pocztowy"],
      ["Home Country/Region", "Adres domowy - kraj/region"],
      ...streets("Other", "Inny adres - ulica", "Inny adres - ulica 2", "Inny adres - ulica 3"),
      ["Other City", "Inny adres - miejscowość"],
      ["Other State", "Inny adres - województwo"],
      ["Other Postal Code", "Inny adres - kod pocztowy"],
      ["Other Country/Region", "Inny adres - kraj/region"],
      ["Assistant's Phone", "Telefon asystenta"],
      ["Business Fax", "Faks służbowy"],
      ["Business Phone", "Telefon służbowy"],
      ["Business Phone 2", "Telefon służbowy 2"],
      ["Callback", "Wywołanie zwrotne"],
      ["Car Phone", "Telefon w samochodzie"],
      ["Company Main Phone", "Główny telefon do firmy"],
      ["Home Fax", "Faks domowy"],
      ["Home Phone", "Telefon domowy"],
      ["Home Phone 2", "Telefon domowy 2"],
      ["Mobile Phone", "Telefon komórkowy"],
      ["Other Fax", "Inny faks"],
      ["Other Phone", "Inny telefon"],
      ["Primary Phone", "Telefon podstawowy"],
      ["Radio Phone", "Radiotelefon"],
      ["TTY/TDD Phone", "Telefon TTY/TDD"],
      ["Telex", "Teleks"],
      ["Birthday", "Urodziny"],
      ["Business Address PO Box", "Służbowa skrzynka pocztowa"],
      ["Home Address PO Box", "Domowa skrzynka pocztowa"],
      ["Other Address PO Box", "Inna skrzynka pocztowa"],
      ["Categories", "Kategorie"],
      ["E-mail Address", "Adres e-mail"],
      ["E-mail Type", "Typ poczty e-mail"],
      ["E-mail Display Name", "Wyświetlana nazwa e-mail"],
      ["E-mail 2 Address", "Adres e-mail 2"],
      ["E-mail 2 Type", "Rodzaj e-mail 2"],
      ["E-mail 2 Display Name", "Wyświetlana nazwa e-mail 2"],
      ["E-mail 3 Address", "Adres e-mail 3"],
      ["E-mail 3 Type", "Rodzaj e-mail 3"],
      ["E-mail 3 Display Name", "Wyświetlana nazwa e-mail 3"],
      ["Gender", "Płeć"],
      ["Initials", "Inicjały"],
      ["Notes", "Notatki"],
      ["Priority", "Priorytet"],
      ["Sensitivity", "Charakter"],
      ["Web Page", "Strona sieci Web"],
    ],
  },
  ja: {
    label: "Outlook (Japanese)",
    columns: [
      ["Title", "肩書き"],
      ["First Name", "名"],
      ["Middle Name", "ミドル ネーム"],
      ["Last Name", "姓"],
      ["Suffix", "敬称"],
      ["Company", "会社名"],
      ["Department", "部署"],
      ["Job Title", "役職"],
      ...streets("Business", "番地 (会社)", "住所 2 (会社)", "住所 3 (会社)"),
      ["Business City", "市町村 (会社)"],
      ["Business State", "都道府県 (会社)"],
      ["Business Postal Code", "郵便番号 (会社)"],
      ["Business Country/Region", "国 (会社)/地域"],
      ...streets("Home", "番地 (自宅)", "住所 2 (自宅)", "住所 3 (自宅)"),
      ["Home City", "市町村 (自宅)"],
      ["Home State", "都道府県 (自宅)"],
      ["Home Postal Code", "郵便番号 (自宅)"],
      ["Home Country/Region", "国 (自宅)/地域"],
      ...streets("Other", "番地 (その他)", "住所 2 (その他)", "住所 3 (その他)"),
      ["Other City", "市町村 (その他)"],
      ["Other State", "都道府県 (その他)"],
      ["Other Postal Code", "郵便番号 (その他)"],
      ["Other Country/Region", "国 (その他)/地域"],
      ["Assistant's Phone", "秘書の電話"],
      ["Business Fax", "会社 FAX"],
      ["Business Phone", "会社電話"],
      ["Business Phone 2", "会社電話 2"],
      ["Callback", "コールバック"],
      ["Car Phone", "自動車電話"],
      ["Company Main Phone", "会社代表電話"],
      ["Home Fax", "自宅 FAX"],
      ["Home Phone", "自宅電話"],
      ["Home Phone 2", "自宅電話 2"],
      ["Mobile Phone", "携帯電話"],
      ["Other Fax", "その他の FAX"],
      ["Other Phone", "その他の電話"],
      ["Pager", "ポケットベル"],
      ["Primary Phone", "通常の電話"],
      ["Radio Phone", "無線電話"],
      ["TTY/TDD Phone", "TTY/TDD"],
      ["Telex", "テレックス"],
      ["Birthday", "誕生日"],
      ["Business Address PO Box", "会社住所私書箱"],
      ["Home Address PO Box", "自宅住所私書箱"],
      ["Other Address PO Box", "その他住所私書箱"],
      ["Categories", "分類"],
      ["E-mail Address", "電子メール アドレス"],
      ["E-mail Type", "電子メールの種類"],
      ["E-mail Display Name", "電子メール表示名"],
      ["E-mail 2 Address", "電子メール 2 アドレス"],
      ["E-mail 2 Type", "電子メール 2 の種類"],
      ["E-mail 2 Display Name", "電子メール 2 表示名"],
      ["E-mail 3 Address", "電子メール 3 アドレス"],
      ["E-mail 3 Type", "電子メール 3 の種類"],
      ["E-mail 3 Display Name", "電子メール 3 表示名"],
      ["Gender", "性別"],
      ["Initials", "イニシャル"],
      ["Internet Free Busy", "インターネット空き時間情報"],
      ["Notes", "メモ"],
      ["Priority", "優先度"],
      ["Sensitivity", "秘密度"],
      ["Web Page", "Web ページ"],
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// The other programs' column sets.
// ---------------------------------------------------------------------------------------------

/** Outlook.com / Outlook on the web: Outlook's names in its own order, and a few more. */
const OUTLOOK_COM_EXTRA: readonly (readonly [string, ColumnTarget])[] = [
  ["Nickname", "custom:"],
  ["Given Yomi", "custom:"],
  ["Surname Yomi", "custom:"],
  ["Company Yomi", "custom:"],
  ["IMAddress", "custom:"],
  ["Personal Web Page", "website"],
  ["Schools", "custom:"],
];

/** Windows Live Mail's English export: Outlook's names and a few of its own. */
const WINDOWS_LIVE_MAIL_EXTRA: readonly (readonly [string, ColumnTarget])[] = [
  ["Name", "name"],
  ["Nickname", "custom:"],
  ["Personal Web Page", "website"],
  ["Business Web Page", "website"],
];

/** Windows Live Mail's German export (semicolons): German Outlook's names and these. */
const WINDOWS_LIVE_MAIL_DE_EXTRA: readonly (readonly [string, ColumnTarget])[] = [
  ["Name", "name"],
  ["2. Vorname", "middleName"],
  ["Spitzname", "custom:"],
  ["Webseite (privat)", "website"],
  ["Webseite (geschäftlich)", "website"],
  ["Büro", "custom:"],
];

/** Thunderbird's address book export. */
const THUNDERBIRD: readonly (readonly [string, ColumnTarget])[] = [
  ["First Name", "givenName"],
  ["Last Name", "familyName"],
  ["Display Name", "displayName"],
  ["Nickname", "custom:"],
  ["Primary Email", "email"],
  ["Secondary Email", "email"],
  ["Screen Name", "custom:"],
  ["Work Phone", "phone:work"],
  ["Home Phone", "phone:home"],
  ["Fax Number", "phone:fax"],
  ["Pager Number", "phone:pager"],
  ["Mobile Number", "phone:mobile"],
  ["Home Address", "address:home.street"],
  ["Home Address 2", "address:home.street2"],
  ["Home City", "address:home.city"],
  ["Home State", "address:home.region"],
  ["Home ZipCode", "address:home.postalCode"],
  ["Home Country", "address:home.country"],
  ["Work Address", "address:work.street"],
  ["Work Address 2", "address:work.street2"],
  ["Work City", "address:work.city"],
  ["Work State", "address:work.region"],
  ["Work ZipCode", "address:work.postalCode"],
  ["Work Country", "address:work.country"],
  ["Job Title", "jobTitle"],
  ["Department", "department"],
  ["Organization", "companyName"],
  ["Web Page 1", "website"],
  ["Web Page 2", "website"],
  ["Birth Year", "birthYear"],
  ["Birth Month", "birthMonth"],
  ["Birth Day", "birthDay"],
  ["Custom 1", "custom:"],
  ["Custom 2", "custom:"],
  ["Custom 3", "custom:"],
  ["Custom 4", "custom:"],
  ["Notes", "notes"],
];

/** Google Contacts since 2023 (`Labels`, `E-mail 1 - Label`, `Organization Name`). */
const GOOGLE: readonly (readonly [string, ColumnTarget])[] = [
  ["First Name", "givenName"],
  ["Middle Name", "middleName"],
  ["Last Name", "familyName"],
  ["Phonetic First Name", "custom:"],
  ["Phonetic Middle Name", "custom:"],
  ["Phonetic Last Name", "custom:"],
  ["Name Prefix", "namePrefix"],
  ["Name Suffix", "nameSuffix"],
  ["Nickname", "custom:"],
  ["File As", "fileAs"],
  ["Organization Name", "companyName"],
  ["Organization Title", "jobTitle"],
  ["Organization Department", "department"],
  ["Birthday", "birthday"],
  ["Notes", "notes"],
  ["Photo", null],
  ["Labels", "groups"],
];

/** Google Contacts before 2023 (`Name`, `Given Name`, `Group Membership`, `- Type`). */
const GOOGLE_LEGACY: readonly (readonly [string, ColumnTarget])[] = [
  ["Name", "name"],
  ["Given Name", "givenName"],
  ["Additional Name", "middleName"],
  ["Family Name", "familyName"],
  ["Yomi Name", "custom:"],
  ["Given Name Yomi", "custom:"],
  ["Additional Name Yomi", "custom:"],
  ["Family Name Yomi", "custom:"],
  ["Name Prefix", "namePrefix"],
  ["Name Suffix", "nameSuffix"],
  ["Initials", null],
  ["Nickname", "custom:"],
  ["Short Name", "custom:"],
  ["Maiden Name", "custom:"],
  ["Birthday", "birthday"],
  ["Gender", null],
  ["Location", "custom:"],
  ["Billing Information", "custom:"],
  ["Directory Server", "custom:"],
  ["Mileage", "custom:"],
  ["Occupation", "custom:"],
  ["Hobby", "custom:"],
  ["Sensitivity", null],
  ["Priority", null],
  ["Subject", "custom:"],
  ["Notes", "notes"],
  ["Language", "custom:"],
  ["Photo", null],
  ["Group Membership", "groups"],
];

const GOOGLE_PARTS: Record<string, AddressPart> = {
  formatted: "formatted",
  street: "street",
  city: "city",
  pobox: "poBox",
  region: "region",
  postalcode: "postalCode",
  country: "country",
  extendedaddress: "extended",
};

/**
 * The numbered columns of Google's files: `E-mail 1 - Label` (`- Type` before 2023) and
 * `E-mail 1 - Value`, the same for phones, websites and addresses (`Address 1 - Street`, …),
 * `Organization 1 - Name` (before 2023) and `Custom Field 1 - Value`. Others (`Event`,
 * `Relation`, `IM`) become user-defined fields; their label columns are left out.
 */
function googleNumbered(header: string): ColumnTarget | undefined {
  const m =
    /^(e-?mail|phone|website|address|organization|custom field|event|relation|im|external id) (\d+) - (.+)$/i.exec(
      header.trim(),
    );
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase().replace("-", "");
  const n = Number(m[2]);
  const part = headerKey(m[3]!);
  const isLabel = part === "type" || part === "label";
  switch (kind) {
    case "email":
    case "phone":
    case "website":
      if (isLabel) return `label:${kind}#${n}`;
      return part === "value" ? `${kind}:#${n}` : null;
    case "address":
      if (isLabel) return `label:address#${n}`;
      return GOOGLE_PARTS[part] ? `address:#${n}.${GOOGLE_PARTS[part]}` : null;
    case "organization":
      if (n !== 1) return "custom:";
      return (
        { name: "companyName", title: "jobTitle", department: "department" }[part] ??
        (isLabel ? null : "custom:")
      );
    default:
      return isLabel || part === "service" ? null : "custom:";
  }
}

/**
 * A column set a file may have been written with: its columns by header key (each with one
 * target, or several told apart by the order of the columns with that key), and whether its
 * dates put the day first.
 */
interface HeaderSet {
  id: string;
  label: string;
  dayFirst: boolean;
  columns: Map<string, ColumnTarget[]>;
  /** For Google's numbered columns. */
  numbered?: (header: string) => ColumnTarget | undefined;
}

function columnMap(
  ...lists: (readonly (readonly [string, ColumnTarget])[])[]
): Map<string, ColumnTarget[]> {
  const map = new Map<string, ColumnTarget[]>();
  for (const list of lists) {
    // Within one list a name given twice keeps both targets, in order; a later list's name
    // replaces an earlier list's.
    const own = new Map<string, ColumnTarget[]>();
    for (const [header, target] of list) {
      const key = headerKey(header);
      own.set(key, [...(own.get(key) ?? []), target]);
    }
    for (const [key, targets] of own) map.set(key, targets);
  }
  return map;
}

/** `[English, localized]` pairs as `[localized, target]`. */
function localized(columns: Localized): [string, ColumnTarget][] {
  return columns.map(([english, name]) => {
    const target = OUTLOOK_TARGET.get(english);
    if (target === undefined) throw new Error(`no Outlook column named ${english}`);
    return [name, target];
  });
}

/**
 * Every known set, most specific first where two could tie: a file matches the set that knows
 * most of its headers, the first of those on a tie.
 */
export const HEADER_SETS: readonly HeaderSet[] = [
  { id: "outlook", label: "Outlook", dayFirst: false, columns: columnMap(OUTLOOK_COLUMNS) },
  ...Object.entries(OUTLOOK_LOCALIZED).map(([lang, { label, columns }]) => ({
    id: `outlook-${lang}`,
    label,
    // Outlook writes dates in the computer's regional format: every language but English
    // puts the day first (Japanese writes the year first, which the date reader sees).
    dayFirst: true,
    columns: columnMap(OUTLOOK_COLUMNS, localized(columns)),
  })),
  {
    id: "outlook.com",
    label: "Outlook.com",
    dayFirst: false,
    columns: columnMap(OUTLOOK_COLUMNS, OUTLOOK_COM_EXTRA),
  },
  {
    id: "windows-live-mail",
    label: "Windows Live Mail",
    dayFirst: false,
    columns: columnMap(OUTLOOK_COLUMNS, WINDOWS_LIVE_MAIL_EXTRA),
  },
  {
    id: "windows-live-mail-de",
    label: "Windows Live Mail (German)",
    dayFirst: true,
    columns: columnMap(
      OUTLOOK_COLUMNS,
      localized(OUTLOOK_LOCALIZED.de!.columns),
      WINDOWS_LIVE_MAIL_DE_EXTRA,
    ),
  },
  { id: "thunderbird", label: "Thunderbird", dayFirst: false, columns: columnMap(THUNDERBIRD) },
  {
    id: "google",
    label: "Google Contacts",
    dayFirst: false,
    columns: columnMap(GOOGLE),
    numbered: googleNumbered,
  },
  {
    id: "google-legacy",
    label: "Google Contacts (before 2023)",
    dayFirst: false,
    columns: columnMap(GOOGLE_LEGACY),
    numbered: googleNumbered,
  },
];

/**
 * Words other files use for their columns, for files of no known set, by header key. A column
 * none of these name becomes a user-defined field named by its header.
 */
const SYNONYMS = new Map<string, ColumnTarget>(
  (
    [
      [
        "name",
        "full name",
        "fullname",
        "contact",
        "contact name",
        "nom complet",
        "vollständiger name",
      ],
      "name",
      [
        "first name",
        "firstname",
        "given name",
        "forename",
        "first",
        "vorname",
        "prénom",
        "nombre",
        "voornaam",
      ],
      "givenName",
      ["middle name", "middlename", "additional name"],
      "middleName",
      [
        "last name",
        "lastname",
        "surname",
        "family name",
        "last",
        "nachname",
        "nom",
        "apellido",
        "apellidos",
        "achternaam",
      ],
      "familyName",
      ["display name", "displayname"],
      "displayName",
      ["title", "job title", "jobtitle", "position", "role", "function", "funktion", "fonction"],
      "jobTitle",
      ["department", "dept", "abteilung", "service"],
      "department",
      [
        "company",
        "organization",
        "organisation",
        "company name",
        "org",
        "employer",
        "firma",
        "unternehmen",
        "société",
        "entreprise",
        "empresa",
        "bedrijf",
      ],
      "companyName",
      [
        "email",
        "e-mail",
        "mail",
        "email address",
        "e-mail address",
        "courriel",
        "correo",
        "e-mail-adresse",
      ],
      "email",
      ["work email", "business email", "office email"],
      "email:work",
      ["home email", "personal email", "private email"],
      "email:home",
      [
        "phone",
        "telephone",
        "tel",
        "phone number",
        "telefon",
        "téléphone",
        "teléfono",
        "telefono",
        "telefoon",
      ],
      "phone",
      [
        "mobile",
        "mobile phone",
        "mobile number",
        "cell",
        "cell phone",
        "cellphone",
        "handy",
        "mobil",
        "mobiltelefon",
        "portable",
      ],
      "phone:mobile",
      ["work phone", "business phone", "office phone", "direct line"],
      "phone:work",
      ["home phone", "private phone"],
      "phone:home",
      ["fax", "fax number", "telefax"],
      "phone:fax",
      [
        "street",
        "address",
        "street address",
        "address 1",
        "address line 1",
        "adresse",
        "straße",
        "strasse",
        "rue",
        "calle",
      ],
      "address.street",
      ["address 2", "address line 2"],
      "address.street2",
      ["city", "town", "ort", "stadt", "ville", "ciudad", "plaats"],
      "address.city",
      ["state", "province", "region", "county", "bundesland"],
      "address.region",
      [
        "zip",
        "zip code",
        "zipcode",
        "postal code",
        "postcode",
        "plz",
        "postleitzahl",
        "code postal",
      ],
      "address.postalCode",
      ["country", "country/region", "land", "pays", "país"],
      "address.country",
      ["website", "web site", "web", "url", "homepage", "web page", "webseite", "site"],
      "website",
      [
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "description",
        "notizen",
        "bemerkungen",
        "remarques",
      ],
      "notes",
      ["birthday", "birth date", "birthdate", "date of birth", "dob", "geburtstag", "geburtsdatum"],
      "birthday",
      ["groups", "group", "labels", "lists", "gruppen"],
      "groups",
      ["categories", "category", "tags", "kategorien", "kategorie"],
      "categories",
    ] as const
  ).flatMap((item, i, all) =>
    i % 2 === 0
      ? (item as readonly string[]).map((h) => [headerKey(h), all[i + 1] as ColumnTarget] as const)
      : [],
  ),
);

/** The set a header row was written with, with how many of its headers the set knows. */
function bestSet(headers: readonly string[]): { set: HeaderSet; known: number } | null {
  let best: { set: HeaderSet; known: number } | null = null;
  for (const set of HEADER_SETS) {
    const known = headers.filter(
      (h) => set.columns.has(headerKey(h)) || set.numbered?.(h) !== undefined,
    ).length;
    if (known > (best?.known ?? 0)) best = { set, known };
  }
  // Two headers could be a coincidence ("First Name", "Notes"): a file of another set.
  return best !== null &&
    best.known >= 3 &&
    best.known * 2 >= headers.filter((h) => h.trim()).length
    ? best
    : null;
}

/** Whether the dates of a file written with `source` put the day first, when they do not say. */
export function dayFirst(source: string): boolean {
  return HEADER_SETS.find((s) => s.id === source)?.dayFirst ?? false;
}

/**
 * The mapping guessed from a header row: the known set that knows most of its headers (see
 * {@link HEADER_SETS}), and for each header that set's target, else a synonym's, else a
 * user-defined field named by the header. Headers a set knows twice take their targets in
 * the order of the columns.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const best = bestSet(headers);
  const seen = new Map<string, number>();
  const targets = headers.map((header): ColumnTarget => {
    const key = headerKey(header);
    if (key === "") return null;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    if (best) {
      const known = best.set.columns.get(key);
      if (known) return known[Math.min(nth, known.length - 1)]!;
      const numbered = best.set.numbered?.(header);
      if (numbered !== undefined) return numbered;
    }
    return SYNONYMS.get(key) ?? "custom:";
  });
  return { headers: [...headers], targets, source: best?.set.id ?? "custom" };
}
