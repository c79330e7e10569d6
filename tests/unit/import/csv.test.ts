/**
 * The CSV reader (src/import/csv.ts) and its column mapping (src/import/columns.ts), on small
 * files written here: every construct of the format and every known column set.
 */
import { readCsv } from "../../../src/import/csv";
import {
  COLUMN_TARGETS,
  describeTarget,
  guessMapping,
  headerKey,
  parseTarget,
} from "../../../src/import/columns";

const lines = (...rows: string[]) => rows.join("\n") + "\n";

describe("CSV records", () => {
  it.each([
    ["comma", ","],
    ["semicolon (Windows Live Mail)", ";"],
    ["tab", "\t"],
  ])("splits on a %s", (_name, sep) => {
    const { contacts, problems } = readCsv(
      lines(
        ["First Name", "Last Name", "E-mail Address"].join(sep),
        ["Ann", "Lee", "ann@x.example"].join(sep),
      ),
    );
    expect(problems).toEqual([]);
    expect(contacts).toEqual([
      {
        line: 2,
        fields: { givenName: "Ann", familyName: "Lee", emails: [{ address: "ann@x.example" }] },
      },
    ]);
  });

  it("takes the separator from the header row, whatever the values hold", () => {
    // papaparse's own guess, from the first rows, took ";" here (the export's round trip found it).
    const { contacts } = readCsv('First Name,Last Name,Notes\r\nAnn,Lee,";a;b;c;d"\r\n');
    expect(contacts[0]?.fields).toEqual({ givenName: "Ann", familyName: "Lee", notes: ";a;b;c;d" });
    expect(readCsv('Vorname;Nachname\nJörg;"A, B, C"\n').contacts[0]?.fields).toEqual({
      givenName: "Jörg",
      familyName: "A, B, C",
    });
  });

  it("reads quoted values with separators, doubled quotes, tabs and line breaks", () => {
    const { contacts } = readCsv(
      lines("First Name,Last Name,Notes", '"Lee, Ann","O""Neil","one\ttwo', 'three, ""four"""'),
    );
    expect(contacts[0]?.fields).toEqual({
      givenName: "Lee, Ann",
      familyName: 'O"Neil',
      notes: 'one\ttwo\nthree, "four"',
    });
  });

  it("gives each record the physical line where it starts, after values spanning lines", () => {
    const { contacts, problems } = readCsv(
      lines("First Name,Notes", 'Ann,"a', "b", 'c"', "", "Bob,x", 'Cy,"\r\nd"', "Di,y"),
    );
    expect(contacts.map((c) => [c.fields.givenName, c.line])).toEqual([
      ["Ann", 2],
      ["Bob", 6],
      ["Cy", 7],
      ["Di", 9],
    ]);
    expect(problems).toEqual([]);
  });

  it("reads CRLF, LF and CR files alike and makes line breaks in values \\n", () => {
    const rows = ["First Name,Notes", 'Ann,"a\r\nb"', "Bob,c"];
    const lf = readCsv(rows.join("\n"));
    expect(readCsv(rows.join("\r\n"))).toEqual(lf);
    expect(readCsv(rows.join("\r"))).toEqual(lf);
    expect(lf.contacts[0]?.fields.notes).toBe("a\nb");
    expect(lf.contacts[1]?.line).toBe(4);
  });

  it("skips empty records and rows of empty values without a problem", () => {
    const { contacts, problems } = readCsv("First Name,Last Name\n\nAnn,Lee\n,\n \n\n");
    expect(contacts.map((c) => c.line)).toEqual([3]);
    expect(problems).toEqual([]);
  });

  it("keeps what a row with too few or too many values holds, and says so", () => {
    const { contacts, problems } = readCsv(
      lines("First Name,Last Name,Job Title", "Ann", "Bob,Ray,Chef,extra", "Cy,Doe,Boss,"),
    );
    expect(contacts.map((c) => c.fields)).toEqual([
      { givenName: "Ann" },
      { givenName: "Bob", familyName: "Ray", jobTitle: "Chef" },
      { givenName: "Cy", familyName: "Doe", jobTitle: "Boss" },
    ]);
    expect(problems).toEqual([
      { line: 2, reason: expect.stringMatching(/1 values .* 3: the missing ones/), skipped: false },
      {
        line: 3,
        reason: expect.stringMatching(/past the last column were left out/),
        skipped: false,
      },
    ]);
  });

  it("reports a file with nothing in it", () => {
    expect(readCsv("\n\n")).toEqual({
      contacts: [],
      problems: [{ line: 1, reason: expect.stringContaining("no header row"), skipped: true }],
    });
  });

  it("reports broken quoting with its line and keeps reading", () => {
    const { contacts, problems } = readCsv(
      lines("First Name,Notes", "Ann,ok", 'Bob,"never closed'),
    );
    expect(contacts.map((c) => c.fields.givenName)).toEqual(["Ann", "Bob"]);
    expect(problems).toEqual([
      { line: 3, reason: expect.stringContaining("quoting"), skipped: false },
    ]);
  });
});

describe("Outlook desktop", () => {
  const header =
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business Street 2,Business City,Business State,Business Postal Code,Business Country/Region,Business Fax,Business Phone,Mobile Phone,Home Phone,Birthday,Categories,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,Gender,Notes,Priority,Sensitivity,Spouse,Web Page";

  it("is recognized and each column goes to its place", () => {
    const { contacts, problems, mapping } = readCsv(
      lines(
        header,
        'Dr.,Ann,B.,Lee,Jr.,Contoso,Sales,Manager,1 Main St,Suite 2,Redmond,WA,98052,United States,+1 425 555 0100,(425) 555-0101,425-555-0102,,1/20/1981,VIP;Customers,ann@contoso.example,SMTP,Ann Lee (ann@contoso.example),ann@home.example,Unspecified,"Met at\nthe fair",Normal,Normal,Sam,http://contoso.example/',
        ",Bo,,Ray,,,,,,,,,,,,,,,0/0/00,,,,,,,,,,,",
      ),
    );
    expect(mapping?.source).toBe("outlook");
    expect(problems).toEqual([]);
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Contoso",
      fields: {
        categories: ["VIP", "Customers"],
        givenName: "Ann",
        middleName: "B.",
        familyName: "Lee",
        displayName: "Dr. Ann B. Lee Jr.",
        department: "Sales",
        jobTitle: "Manager",
        addresses: [
          {
            label: "work",
            street: "1 Main St\nSuite 2",
            city: "Redmond",
            region: "WA",
            postalCode: "98052",
            country: "United States",
          },
        ],
        phones: [
          { number: "+1 425 555 0100", label: "fax" },
          { number: "(425) 555-0101", label: "work" },
          { number: "425-555-0102", label: "mobile" },
        ],
        birthday: "1981-01-20",
        emails: [{ address: "ann@contoso.example" }, { address: "ann@home.example" }],
        notes: "Met at\nthe fair",
        custom: { Spouse: { type: "text", value: "Sam" } },
        websites: ["http://contoso.example/"],
      },
    });
    // 0/0/00 is Outlook's empty birthday.
    expect(contacts[1]?.fields).toEqual({ givenName: "Bo", familyName: "Ray" });
  });

  it("reads a birthday day first when a date says so (an English Outlook in the UK)", () => {
    const { contacts } = readCsv(
      lines("First Name,Last Name,Birthday", "A,B,3/4/1980", "C,D,25/12/1975"),
    );
    expect(contacts.map((c) => c.fields.birthday)).toEqual(["1980-04-03", "1975-12-25"]);
  });

  it("reports a birthday that is no date, and reads the rest", () => {
    const { contacts, problems } = readCsv(
      lines("First Name,Last Name,Birthday", "A,B,2/30/1980", "C,D,soon"),
    );
    expect(contacts.map((c) => c.fields)).toEqual([
      { givenName: "A", familyName: "B" },
      { givenName: "C", familyName: "D" },
    ]);
    expect(problems).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/2\/30\/1980.*not a date that exists/),
        skipped: false,
      },
      { line: 3, reason: expect.stringMatching(/“soon”/), skipped: false },
    ]);
  });

  it.each([
    [
      "German",
      "outlook-de",
      "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Abteilung;Position;Straße geschäftlich;Ort geschäftlich;Postleitzahl geschäftlich;Land/Region geschäftlich;Telefon geschäftlich;Mobiltelefon;Geburtstag;Kategorien;E-Mail-Adresse;E-Mail-Typ;Notizen;Geschlecht",
      "Frau;Jörg;Max;Müller;Grüne AG;Vertrieb;Leiterin;Königstraße 1;München;80331;Deutschland;089 1234;0170 1234;15.01.1980;Kunden;jm@grüne.example;SMTP;Notiz;Weiblich",
    ],
    [
      "French",
      "outlook-fr",
      "Titre,Prénom,Deuxième prénom,Nom,Société,Service,Titre,Rue (bureau),Ville (bureau),Code postal (bureau),Pays/Région (bureau),Téléphone (bureau),Tél. mobile,Anniversaire,Catégories,Adresse de messagerie,Type de messagerie,Notes,Sexe",
      "Mme,Jörg,Max,Müller,Grüne AG,Vertrieb,Leiterin,Königstraße 1,München,80331,Deutschland,089 1234,0170 1234,15/01/1980,Kunden,jm@grüne.example,SMTP,Notiz,Féminin",
    ],
    [
      "Spanish",
      "outlook-es",
      "Tratamiento,Nombre,Segundo nombre,Apellidos,Organización,Departamento,Puesto,Calle del trabajo,Ciudad de trabajo,Código postal del trabajo,País o región del trabajo,Teléfono del trabajo,Mobile Phone,Cumpleaños,Categorías,Dirección de correo electrónico,Tipo de correo electrónico,Notas,Género",
      "Sra.,Jörg,Max,Müller,Grüne AG,Vertrieb,Leiterin,Königstraße 1,München,80331,Deutschland,089 1234,0170 1234,15/01/1980,Kunden,jm@grüne.example,SMTP,Notiz,Mujer",
    ],
    [
      "Italian",
      "outlook-it",
      "Titolo,Nome,Secondo nome,Cognome,Società,Reparto,Posizione,Via (uff.),Città (uff.),CAP (uff.),Paese (uff.),Ufficio,Cellulare,Compleanno,Categorie,Indirizzo posta elettronica,Tipo posta elettronica,Note,Sesso",
      "Sig.ra,Jörg,Max,Müller,Grüne AG,Vertrieb,Leiterin,Königstraße 1,München,80331,Deutschland,089 1234,0170 1234,15/01/1980,Kunden,jm@grüne.example,SMTP,Notiz,Femmina",
    ],
    [
      "Portuguese (Brazil)",
      "outlook-pt-BR",
      "Tratamento,Primeiro nome,Segundo nome,Sobrenome,Empresa,Departamento,Cargo,Rua do endereço comercial,Cidade do endereço comercial,CEP do endereço comercial,País/Região da Empresa,Telefone comercial,Telefone celular,Birthday,Categorias,Endereço de email,Tipo de email,Anotações,Sexo",
      "Sra.,Jörg,Max,Müller,Grüne AG,Vertrieb,Leiterin,Königstraße 1,München,80331,Deutschland,089 1234,0170 1234,15/01/1980,Kunden,jm@grüne.example,SMTP,Notiz,Feminino",
    ],
    [
      "Dutch",
      "outlook-nl",
      "Titel,Voornaam,Middelste naam,Achternaam,Bedrijf,Afdeling,Functie,Werkadres,Plaats (werk),Postcode (werk),Land/regio (werk),Telefoon op werk,Mobiele telefoon,Verjaardag,Categorieën,E-mailadres,E-mailtype,Notities,Geslacht",
      "Mevr.,Jörg,Max,Müller,Grüne AG,Vertrieb,Leiterin,Königstraße 1,München,80331,Deutschland,089 1234,0170 1234,15-01-1980,Kunden,jm@grüne.example,SMTP,Notiz,Vrouw",
    ],
  ])("is recognized in %s, with dates day first", (_language, source, head, row) => {
    const { contacts, mapping } = readCsv(lines(head, row));
    expect(mapping?.source).toBe(source);
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Grüne AG",
      fields: {
        categories: ["Kunden"],
        givenName: "Jörg",
        middleName: "Max",
        familyName: "Müller",
        displayName: expect.stringMatching(/ Jörg Max Müller$/),
        department: "Vertrieb",
        jobTitle: "Leiterin",
        addresses: [
          {
            label: "work",
            street: "Königstraße 1",
            city: "München",
            postalCode: "80331",
            country: "Deutschland",
          },
        ],
        phones: [
          { number: "089 1234", label: "work" },
          { number: "0170 1234", label: "mobile" },
        ],
        birthday: "1980-01-15",
        emails: [{ address: "jm@grüne.example" }],
        notes: "Notiz",
        // E-mail type ("E-mailtype" is its English key too) and gender are left out.
      },
    });
  });

  it("matches headers whatever their case, spacing, accents and punctuation", () => {
    const { mapping } = readCsv(
      lines(
        "VORNAME;nachname;  E-Mail Adresse ;strasse GESCHAFTLICH;Telefon (privat)",
        "a;b;c@d.example;e;1",
      ),
    );
    expect(mapping).toEqual({
      headers: [
        "VORNAME",
        "nachname",
        "E-Mail Adresse",
        "strasse GESCHAFTLICH",
        "Telefon (privat)",
      ],
      targets: ["givenName", "familyName", "email", "address:work.street", "phone:home"],
      source: "outlook-de",
    });
  });
});

describe("Outlook.com, Windows Live Mail and Thunderbird", () => {
  it("Outlook.com's own columns", () => {
    const { contacts, mapping } = readCsv(
      lines(
        "First Name,Middle Name,Last Name,Nickname,Given Yomi,E-mail Address,Home Phone,IMAddress,Personal Web Page,Birthday",
        "Ann,,Lee,Annie,,ann@x.example,555 0100,ann@chat.example,http://ann.example,1972-01-31",
      ),
    );
    expect(mapping?.source).toBe("outlook.com");
    expect(contacts[0]?.fields).toEqual({
      givenName: "Ann",
      familyName: "Lee",
      emails: [{ address: "ann@x.example" }],
      phones: [{ number: "555 0100", label: "home" }],
      websites: ["http://ann.example"],
      birthday: "1972-01-31",
      custom: {
        Nickname: { type: "text", value: "Annie" },
        IMAddress: { type: "text", value: "ann@chat.example" },
      },
    });
  });

  it("Windows Live Mail in English: its Name column is the display name", () => {
    const { contacts, mapping } = readCsv(
      lines(
        "First Name,Last Name,Middle Name,Name,Nickname,E-mail Address,Business Web Page",
        "Ann,Lee,,Ann Lee,,a@x.example,http://w.example",
      ),
    );
    expect(mapping?.source).toBe("windows-live-mail");
    expect(contacts[0]?.fields).toEqual({
      givenName: "Ann",
      familyName: "Lee",
      displayName: "Ann Lee",
      emails: [{ address: "a@x.example" }],
      websites: ["http://w.example"],
    });
  });

  it("Thunderbird, with its birthday in three columns", () => {
    const { contacts, problems, mapping } = readCsv(
      lines(
        "First Name,Last Name,Display Name,Primary Email,Secondary Email,Work Phone,Mobile Number,Work Address,Work City,Work ZipCode,Organization,Birth Year,Birth Month,Birth Day,Custom 1,Notes",
        "Ann,Lee,Ann Lee,a@x.example,b@y.example,1,2,Road 1,Town,123,Contoso,1980,2,29,blue,hi",
        "Bo,Ray,,,,,,,,,,,5,6,,",
      ),
    );
    expect(mapping?.source).toBe("thunderbird");
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Contoso",
      fields: {
        givenName: "Ann",
        familyName: "Lee",
        displayName: "Ann Lee",
        emails: [{ address: "a@x.example" }, { address: "b@y.example" }],
        phones: [
          { number: "1", label: "work" },
          { number: "2", label: "mobile" },
        ],
        addresses: [{ label: "work", street: "Road 1", city: "Town", postalCode: "123" }],
        birthday: "1980-02-29",
        custom: { "Custom 1": { type: "text", value: "blue" } },
        notes: "hi",
      },
    });
    expect(contacts[1]?.fields).toEqual({ givenName: "Bo", familyName: "Ray" });
    expect(problems).toEqual([
      { line: 3, reason: expect.stringContaining("misses a part"), skipped: false },
    ]);
  });
});

describe("Google Contacts", () => {
  it("reads the column set of 2023 on: labels, ::: values, the primary mark, groups", () => {
    const { contacts, mapping } = readCsv(
      lines(
        "First Name,Middle Name,Last Name,Name Prefix,Name Suffix,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value",
        'Ann,,Lee,,,"Lee, Ann",Contoso,CEO,Board,1980-01-15,hello,https://photo.example/1,* myContacts ::: * starred ::: Friends ::: VIP,Home,ann@home.example ::: ann@old.example,* Work,ann@work.example,Work Fax,+1 555 0100,Home,"1 Road\nTown",1 Road,Town,PO 7,,123,US,Flat 2,Profile,https://ann.example,Shoe size,38',
      ),
    );
    expect(mapping?.source).toBe("google");
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Contoso",
      groupNames: ["Friends", "VIP"],
      fields: {
        givenName: "Ann",
        familyName: "Lee",
        fileAs: "Lee, Ann",
        jobTitle: "CEO",
        department: "Board",
        birthday: "1980-01-15",
        notes: "hello",
        emails: [
          { address: "ann@home.example", label: "home" },
          { address: "ann@old.example", label: "home" },
          { address: "ann@work.example", label: "work", primary: true },
        ],
        phones: [{ number: "+1 555 0100", label: "fax" }],
        addresses: [
          {
            label: "home",
            street: "1 Road\nFlat 2\nPO 7",
            city: "Town",
            postalCode: "123",
            country: "US",
          },
        ],
        websites: ["https://ann.example"],
        custom: { "Custom Field 1 - Value": { type: "text", value: "38" } },
      },
    });
  });

  it("reads the column set from before 2023, its Name column, and a formatted address alone", () => {
    const { contacts, mapping } = readCsv(
      lines(
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title",
        'Ann Lee,,,,,,,,,,,,,,--03-15,,,,,,,,,,,,,,* myContacts ::: Team,* Other,ann@x.example,Mobile,555 0100,Work,"1 Road, Town",,Contoso,CEO',
      ),
    );
    expect(mapping?.source).toBe("google-legacy");
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Contoso",
      groupNames: ["Team"],
      fields: {
        displayName: "Ann Lee",
        givenName: "Ann",
        familyName: "Lee",
        emails: [{ address: "ann@x.example", label: "other", primary: true }],
        phones: [{ number: "555 0100", label: "mobile" }],
        addresses: [{ label: "work", street: "1 Road, Town" }],
        jobTitle: "CEO",
      },
    });
  });

  it("says a birthday without a year cannot be kept", () => {
    const { problems } = readCsv(lines("Name,Given Name,Family Name,Birthday", "A B,A,B,--03-15"));
    expect(problems).toEqual([
      { line: 2, reason: expect.stringContaining("has no year"), skipped: false },
    ]);
  });
});

describe("other CSV files", () => {
  it("guesses columns by their usual names and keeps the others as user-defined fields", () => {
    const { contacts, mapping } = readCsv(
      lines(
        "Full Name,Email,Phone,Organization,Comments,Favourite colour",
        "Ann Lee,ann@x.example,555,Contoso,hi,blue",
      ),
    );
    expect(mapping).toEqual({
      headers: ["Full Name", "Email", "Phone", "Organization", "Comments", "Favourite colour"],
      targets: ["name", "email", "phone", "companyName", "notes", "custom:"],
      source: "custom",
    });
    expect(contacts[0]).toEqual({
      line: 2,
      companyName: "Contoso",
      fields: {
        displayName: "Ann Lee",
        givenName: "Ann",
        familyName: "Lee",
        emails: [{ address: "ann@x.example" }],
        phones: [{ number: "555" }],
        notes: "hi",
        custom: { "Favourite colour": { type: "text", value: "blue" } },
      },
    });
  });

  it("splits a name written last name first", () => {
    const { contacts } = readCsv(lines("Name,Email", '"Lee, Ann",a@x.example'));
    expect(contacts[0]?.fields).toMatchObject({
      givenName: "Ann",
      familyName: "Lee",
      displayName: "Lee, Ann",
    });
  });

  it("takes the mapping the preview chose, heads other notes columns with their name, and names a custom field", () => {
    const text = lines("Who,Mail,Colour,Notes,Extra", "Ann,a@x.example,blue,n1,ignored");
    const { contacts, mapping, problems } = readCsv(text, {
      targets: ["givenName", "email:work", "notes", "notes", null],
    });
    expect(mapping?.targets).toEqual(["givenName", "email:work", "notes", "notes", null]);
    expect(problems).toEqual([]);
    expect(contacts[0]?.fields).toEqual({
      givenName: "Ann",
      emails: [{ address: "a@x.example", label: "work" }],
      notes: "Colour: blue\nn1",
    });
    expect(
      readCsv(text, { targets: ["givenName", "custom:Paint", "custom:"] }).contacts[0]?.fields,
    ).toEqual({
      givenName: "Ann",
      custom: {
        Paint: { type: "text", value: "a@x.example" },
        Colour: { type: "text", value: "blue" },
      },
    });
  });

  it("reports a chosen target it does not know, on the header's line", () => {
    const { contacts, problems } = readCsv(lines("A,B", "x,y"), {
      targets: ["givenName", "shoeSize"],
    });
    expect(contacts[0]?.fields).toEqual({ givenName: "x" });
    expect(problems).toEqual([
      { line: 1, reason: expect.stringContaining("“shoeSize”"), skipped: false },
    ]);
  });
});

describe("column targets", () => {
  it("every drop-down choice is a target the reader knows, with its own label", () => {
    for (const { target, label } of COLUMN_TARGETS) {
      if (target !== null) expect(parseTarget(target)).not.toBeNull();
      expect(describeTarget(target)).toBe(label);
    }
    expect(new Set(COLUMN_TARGETS.map((t) => t.label)).size).toBe(COLUMN_TARGETS.length);
  });

  it("describes the targets of numbered columns and named fields", () => {
    expect(describeTarget("email:#2")).toBe("E-mail 2");
    expect(describeTarget("address:#1.poBox")).toBe("Address 1: PO box");
    expect(describeTarget("label:phone#3")).toBe("Phone 3: its label");
    expect(describeTarget("custom:", "Spouse")).toBe("User-defined field “Spouse”");
  });

  it("keys headers without case, accents, spacing or punctuation", () => {
    expect(headerKey(" E-Mail 2: Adresse ")).toBe(headerKey("email 2 adresse"));
    expect(headerKey("Straße geschäftlich")).toBe(headerKey("STRASSE (Geschaftlich)"));
    expect(headerKey("電子メール アドレス")).toBe("電子メールアドレス");
  });

  it("does not take two known headers for a known set", () => {
    expect(guessMapping(["First Name", "Notes", "Shoe", "Hat", "Coat"]).source).toBe("custom");
  });
});
