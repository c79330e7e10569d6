/**
 * The only code that touches office.js. It turns Outlook's callback API into promises and its
 * item objects into plain typed values, so the rest of the add-in never sees an Office object,
 * and no exception ever escapes into an Office callback.
 *
 * Outside Outlook `Office.onReady` resolves with no host and there is no mailbox. Development
 * builds then look for the browser harness (src/harness), which runs this page in an iframe and
 * lends it a fake mailbox; production builds compile that branch away.
 */

/**
 * An AsyncResult as office.js passes it to callbacks. Its typings declare `status` a numeric
 * enum, but at runtime it is the string "succeeded" or "failed".
 */
export interface AsyncResultLike<T> {
  readonly status: unknown;
  readonly value: T;
  readonly error?:
    { readonly name?: string; readonly message?: string; readonly code?: number } | undefined;
}

/** A notification on an item (Office.NotificationMessageDetails, the fields we send). */
export interface NotificationDetails {
  readonly type: string;
  readonly message: string;
  readonly icon?: string;
  readonly persistent?: boolean;
}

/**
 * The part of a read-mode Outlook item the add-in reads. Its fields are `unknown` on purpose:
 * compose-mode items hold objects with `getAsync` in the same places, so every value is checked
 * before use.
 */
export interface OutlookItem {
  readonly itemType: unknown;
  readonly itemId?: unknown;
  readonly subject?: unknown;
  readonly from?: unknown;
  readonly organizer?: unknown;
  readonly to?: unknown;
  readonly cc?: unknown;
  readonly requiredAttendees?: unknown;
  readonly optionalAttendees?: unknown;
  readonly internetMessageId?: unknown;
  readonly conversationId?: unknown;
  readonly dateTimeCreated?: unknown;
  readonly start?: unknown;
  readonly end?: unknown;
  /** Office.Body: `getAsync(coercionType, callback)`; checked before use. */
  readonly body?: unknown;
  readonly notificationMessages: {
    replaceAsync(
      key: string,
      details: NotificationDetails,
      callback?: (result: AsyncResultLike<void>) => void,
    ): void;
  };
}

/** The part of `Office.context.mailbox` the add-in uses (src/office/fake-mailbox.ts fakes it). */
export interface OutlookMailbox {
  readonly item?: OutlookItem | null | undefined;
  readonly userProfile: { readonly displayName: string; readonly emailAddress: string };
  addHandlerAsync(
    eventType: string,
    handler: (args: { type: string }) => void,
    callback?: (result: AsyncResultLike<void>) => void,
  ): void;
  convertToRestId?(itemId: string, restVersion: string): string;
  convertToEwsId?(itemId: string, restVersion: string): string;
  /** Mailbox 1.0: opens the item, reports nothing (Outlook shows nothing for an unknown id). */
  displayMessageForm?(itemId: string): void;
  displayAppointmentForm?(itemId: string): void;
  /** Mailbox 1.9: as above, but calls back, failing when Outlook cannot open the item. */
  displayMessageFormAsync?(
    itemId: string,
    callback?: (result: AsyncResultLike<void>) => void,
  ): void;
  displayAppointmentFormAsync?(
    itemId: string,
    callback?: (result: AsyncResultLike<void>) => void,
  ): void;
}

/** The part of the `Office` namespace the add-in uses. */
export interface OfficeLike {
  readonly onReady: () => Promise<unknown>;
  readonly context: {
    mailbox?: OutlookMailbox | undefined;
    /** Which requirement sets this Office supports (office.js's runtime check). */
    readonly requirements?:
      { isSetSupported(name: string, minVersion?: string): boolean } | undefined;
    readonly officeTheme?: { readonly bodyBackgroundColor?: unknown } | undefined;
  };
  readonly EventType?: { readonly ItemChanged?: unknown };
}

export interface EmailAddress {
  readonly displayName: string;
  readonly emailAddress: string;
}

/** The selected Outlook item as a plain value. */
export interface MailItem {
  readonly itemType: "message" | "appointment";
  /** Changes when a message moves to another folder: a hint, never a key. */
  readonly itemId: string | null;
  readonly subject: string;
  /** A message's sender; `null` for an appointment. */
  readonly from: EmailAddress | null;
  /** An appointment's organizer; `null` for a message. */
  readonly organizer: EmailAddress | null;
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly requiredAttendees: readonly EmailAddress[];
  readonly optionalAttendees: readonly EmailAddress[];
  /** What links an e-mail to contact history: it survives moves. `null` for an appointment. */
  readonly internetMessageId: string | null;
  readonly conversationId: string | null;
  /** ISO 8601. */
  readonly dateTimeCreated: string | null;
  /** An appointment's start and end (ISO 8601); `null` for a message. */
  readonly start: string | null;
  readonly end: string | null;
}

/** Which of Outlook's forms shows an item. */
export type ItemForm = "message" | "appointment";

/**
 * How `openItem` went: `opened` when Outlook said it opened the item (Mailbox 1.9), `requested`
 * when this Outlook only has the older call, which says nothing either way.
 */
export type OpenOutcome = "opened" | "requested";

export type OfficeTheme = "light" | "dark";

export interface OfficeSession {
  /** Outlook's mailbox, or the harness's fake; `null` outside Outlook. */
  readonly mailbox: OutlookMailbox | null;
  /** The signed-in Outlook user; `null` without a mailbox. */
  readonly user: EmailAddress | null;
  /** Office's theme when Office tells it; `null` outside Office. */
  readonly theme: OfficeTheme | null;
  /**
   * Whether this Outlook signs the add-in in through Nested App Authentication (requirement set
   * {@link NESTED_APP_AUTH}); `null` without a mailbox (outside Outlook nobody signs in).
   */
  readonly nestedAppAuth: boolean | null;
  /** The selected item now; `null` when nothing is selected. */
  currentItem(): MailItem | null;
  /**
   * Calls `listener` with the newly selected item each time the selection changes while the
   * pane is pinned (Mailbox 1.5 ItemChanged). Resolves, once Outlook has registered the
   * handler, with a function that stops the calls; rejects with an `OfficeError` if Outlook
   * refuses. Without a mailbox nothing ever changes, and it resolves at once.
   */
  onItemChanged(listener: (item: MailItem | null) => void): Promise<() => void>;
  /**
   * Shows `message` (at most 150 characters) in the selected item's notification bar, replacing
   * the add-in's previous one. Resolves false when no item is selected; rejects with an
   * `OfficeError` if Outlook refuses.
   */
  notify(message: string): Promise<boolean>;
  /**
   * `item`'s body as plain text (`body.getAsync("text")`), line breaks kept: a linked e-mail's
   * excerpt, and the sender's signature "Create contact" reads. Resolves null when `item` is no
   * longer the selected item or has no body; rejects with an `OfficeError` if Outlook fails the
   * call.
   */
  bodyText(item: MailItem): Promise<string | null>;
  /**
   * The internet headers of `item`, a message in read mode, as Outlook gives them
   * (`getAllInternetHeadersAsync`, Mailbox 1.8: RFC 5322 lines; headers.ts reads them).
   * Resolves null when `item` is no longer the selected item or this Outlook lacks the call;
   * rejects with an `OfficeError` if Outlook fails it.
   */
  internetHeaders(item: MailItem): Promise<string | null>;
  /**
   * An item id as Outlook gives it (EWS form) in its REST form (v2.0), which is URL-safe: the
   * form links store. Throws an `OfficeError` without a mailbox or if Outlook refuses the id.
   */
  toRestId(itemId: string): string;
  /** The reverse of `toRestId`; the same errors. */
  toEwsId(restId: string): string;
  /**
   * Opens an item in Outlook's own window, given its REST id: `displayMessageFormAsync` /
   * `displayAppointmentFormAsync` (Mailbox 1.9), or `displayMessageForm` /
   * `displayAppointmentForm` where those do not exist. Rejects with an `OfficeError` when
   * Outlook fails (code {@link ITEM_NOT_FOUND} when it does not find the item) or there is no
   * mailbox.
   */
  openItem(form: ItemForm, restId: string): Promise<OpenOutcome>;
}

/** Outlook refused or failed a call. */
export class OfficeError extends Error {
  override readonly name = "OfficeError";

  constructor(
    message: string,
    /** Outlook's error code (e.g. 9025 NumberOfNotificationsExceeded), when it gave one. */
    readonly code: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The code of Outlook's "ItemNotFound" error ("The item does not exist or has not been
 * created.", office.js's error table). That the display-form calls fail with it for an item
 * that was moved or deleted is our reading of the API, not verified against Outlook itself.
 */
export const ITEM_NOT_FOUND = 9049;

/** Whether `error` is Outlook saying it could not find the item. */
export function isItemNotFound(error: unknown): boolean {
  return error instanceof OfficeError && error.code === ITEM_NOT_FOUND;
}

/** The REST API version of the ids links store (Outlook REST v2.0, as Microsoft Graph's). */
const REST_VERSION = "v2.0";

/**
 * The requirement set of Nested App Authentication in Outlook (learn.microsoft.com, "Nested app
 * auth requirement sets"): Outlook on the web and the new Outlook for Windows; classic Outlook
 * for Windows from Version 2409 (Microsoft 365), 2408 (LTSC) or 2501 (retail); Outlook for Mac
 * from 16.89; Outlook for iOS and Android from 4.2433. Not for Outlook.com or Gmail mailboxes.
 */
export const NESTED_APP_AUTH = { name: "NestedAppAuth", version: "1.1" } as const;

/** `Office.EventType.ItemChanged`'s value: outside Office, office.js leaves it undefined. */
export const ITEM_CHANGED_EVENT = "olkItemSelectedChanged";
/** The key of the add-in's notification: each new one replaces the last. */
export const NOTIFICATION_KEY = "bcm-status";
/** The manifest's image resource shown beside an informational notification. */
export const NOTIFICATION_ICON = "Icon.16x16";

const sessions = new WeakMap<OfficeLike, Promise<OfficeSession>>();

/**
 * Waits for office.js and describes the Outlook session. Safe to call any number of times:
 * `Office.onReady` runs once per Office namespace and every call shares its session.
 *
 * @param office the Office namespace; by default office.js's global, `undefined` if it did not load.
 */
export function initOffice(
  office: OfficeLike | undefined = officeGlobal(),
): Promise<OfficeSession> {
  if (!office) return Promise.resolve(createSession(null, null, ITEM_CHANGED_EVENT, null));
  let session = sessions.get(office);
  if (!session) {
    session = start(office);
    sessions.set(office, session);
  }
  return session;
}

function officeGlobal(): OfficeLike | undefined {
  // Assigning the typed global to OfficeLike makes the compiler check our port against
  // office.js's own typings.
  return typeof Office === "undefined" ? undefined : Office;
}

async function start(office: OfficeLike): Promise<OfficeSession> {
  try {
    await office.onReady();
  } catch (error) {
    console.error("Office.onReady failed; running without Outlook", error);
    return createSession(null, null, ITEM_CHANGED_EVENT, null);
  }
  if (process.env.BCM_HARNESS === "1" && !office.context.mailbox) {
    const fake = harnessMailbox();
    if (fake) office.context.mailbox = fake;
  }
  const declared = office.EventType?.ItemChanged;
  const mailbox = office.context.mailbox ?? null;
  return createSession(
    mailbox,
    themeOf(office.context.officeTheme?.bodyBackgroundColor),
    typeof declared === "string" ? declared : ITEM_CHANGED_EVENT,
    mailbox ? supports(office, NESTED_APP_AUTH) : null,
  );
}

/** Whether Office supports a requirement set; false when it cannot tell (or throws). */
function supports(office: OfficeLike, set: { name: string; version: string }): boolean {
  try {
    return office.context.requirements?.isSetSupported(set.name, set.version) === true;
  } catch {
    return false;
  }
}

/**
 * The fake mailbox of the harness page framing this one (same origin), if there is one. In the
 * frame the harness starts for a send event (named "bcm-event-runtime", src/harness/Harness.tsx),
 * it is the mailbox of the message being sent, as Outlook gives an event runtime.
 */
function harnessMailbox(): OutlookMailbox | null {
  try {
    if (typeof window === "undefined" || window.parent === window) return null;
    const parent = window.parent as Window & {
      __bcmHarness?: {
        mailbox?: OutlookMailbox;
        compose?: { mailbox?: OutlookMailbox } | null;
      };
    };
    if (window.name === "bcm-event-runtime") return parent.__bcmHarness?.compose?.mailbox ?? null;
    return parent.__bcmHarness?.mailbox ?? null;
  } catch {
    // A parent of another origin (Outlook on the web) throws on access: no harness there.
    return null;
  }
}

/** Office gives body colours, not a dark flag, in Outlook: a dark background is a dark theme. */
function themeOf(background: unknown): OfficeTheme | null {
  if (typeof background !== "string") return null;
  const match = /^#?([0-9a-f]{6})$/i.exec(background.trim());
  if (!match?.[1]) return null;
  const rgb = parseInt(match[1], 16);
  const luma = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
  return luma < 128 ? "dark" : "light";
}

function createSession(
  mailbox: OutlookMailbox | null,
  theme: OfficeTheme | null,
  itemChangedEvent: string,
  nestedAppAuth: boolean | null,
): OfficeSession {
  const listeners = new Set<(item: MailItem | null) => void>();
  let registration: Promise<void> | null = null;
  const currentItem = (): MailItem | null => toMailItem(mailbox?.item);

  // One Office handler fans out to every listener: Mailbox.removeHandlerAsync would remove all
  // handlers of the event at once, so listeners come and go here instead.
  const onSelectionChanged = (): void => {
    const item = currentItem();
    for (const listener of [...listeners]) {
      try {
        listener(item);
      } catch (error) {
        console.error("An ItemChanged listener failed", error);
      }
    }
  };

  const bodyText = async (item: MailItem): Promise<string | null> => {
    const selected = mailbox?.item;
    if (!selected || text(selected.itemId) !== item.itemId) return null;
    const body = selected.body as { getAsync?: unknown } | null | undefined;
    if (typeof body !== "object" || body === null || typeof body.getAsync !== "function") {
      return null;
    }
    const getAsync = body.getAsync as (
      coercionType: string,
      callback: (result: AsyncResultLike<unknown>) => void,
    ) => void;
    const value = await call<unknown>("Reading the item's text", (done) =>
      getAsync.call(body, "text", done),
    );
    return typeof value === "string" ? value : null;
  };

  return {
    mailbox,
    user: mailbox ? toAddress(mailbox.userProfile) : null,
    theme,
    nestedAppAuth,
    currentItem,
    async onItemChanged(listener) {
      if (!mailbox) return () => undefined;
      // A wrapper of its own, so that subscribing the same function twice makes two
      // subscriptions, each ended by its own function.
      const subscription = (item: MailItem | null): void => listener(item);
      listeners.add(subscription);
      registration ??= call<void>("Registering for ItemChanged", (done) =>
        mailbox.addHandlerAsync(itemChangedEvent, onSelectionChanged, done),
      ).catch((error: unknown) => {
        registration = null;
        throw error;
      });
      try {
        await registration;
      } catch (error) {
        listeners.delete(subscription);
        throw error;
      }
      return () => {
        listeners.delete(subscription);
      };
    },
    async notify(message) {
      const item = mailbox?.item;
      if (!item) return false;
      const details: NotificationDetails = {
        type: "informationalMessage",
        message,
        icon: NOTIFICATION_ICON,
        persistent: false,
      };
      await call<void>("Posting a notification", (done) =>
        item.notificationMessages.replaceAsync(NOTIFICATION_KEY, details, done),
      );
      return true;
    },
    bodyText,
    async internetHeaders(item) {
      const selected = mailbox?.item as
        { itemId?: unknown; getAllInternetHeadersAsync?: unknown } | null | undefined;
      if (!selected || text(selected.itemId) !== item.itemId) return null;
      if (typeof selected.getAllInternetHeadersAsync !== "function") return null;
      const getAll = selected.getAllInternetHeadersAsync as (
        callback: (result: AsyncResultLike<unknown>) => void,
      ) => void;
      const value = await call<unknown>("Reading the item's headers", (done) =>
        getAll.call(selected, done),
      );
      return typeof value === "string" ? value : null;
    },
    toRestId(itemId) {
      return convert("convertToRestId", mailbox, itemId);
    },
    toEwsId(restId) {
      return convert("convertToEwsId", mailbox, restId);
    },
    async openItem(form, restId) {
      if (!mailbox) throw new OfficeError("Outlook is not available to open the item");
      const itemId = convert("convertToEwsId", mailbox, restId);
      const message = form === "message";
      const hasAsync = message
        ? typeof mailbox.displayMessageFormAsync === "function"
        : typeof mailbox.displayAppointmentFormAsync === "function";
      if (hasAsync) {
        await call<void>("Opening the item", (done) =>
          message
            ? mailbox.displayMessageFormAsync?.(itemId, done)
            : mailbox.displayAppointmentFormAsync?.(itemId, done),
        );
        return "opened";
      }
      const hasOld = message
        ? typeof mailbox.displayMessageForm === "function"
        : typeof mailbox.displayAppointmentForm === "function";
      if (!hasOld) throw new OfficeError("This version of Outlook cannot open items from add-ins");
      try {
        if (message) mailbox.displayMessageForm?.(itemId);
        else mailbox.displayAppointmentForm?.(itemId);
      } catch (cause) {
        throw new OfficeError("Opening the item was refused by Outlook", null, { cause });
      }
      return "requested";
    },
  };
}

/** convertToRestId / convertToEwsId (synchronous in office.js), errors as `OfficeError`. */
function convert(
  method: "convertToRestId" | "convertToEwsId",
  mailbox: OutlookMailbox | null,
  itemId: string,
): string {
  if (typeof mailbox?.[method] !== "function") {
    throw new OfficeError(`Outlook is not available to convert an item id (${method})`);
  }
  let converted: unknown;
  try {
    converted =
      method === "convertToRestId"
        ? mailbox.convertToRestId?.(itemId, REST_VERSION)
        : mailbox.convertToEwsId?.(itemId, REST_VERSION);
  } catch (cause) {
    throw new OfficeError(`${method} was refused by Outlook`, null, { cause });
  }
  if (typeof converted !== "string" || converted === "") {
    throw new OfficeError(`${method} gave no id`);
  }
  return converted;
}

/** Runs an office.js call and settles with its AsyncResult; a synchronous throw rejects too. */
function call<T>(
  what: string,
  start: (done: (result: AsyncResultLike<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (result.status === "succeeded") {
          resolve(result.value);
          return;
        }
        const error = result.error;
        const detail = [error?.name, error?.message]
          .filter((s) => typeof s === "string")
          .join(": ");
        reject(
          new OfficeError(
            `${what} failed${detail ? `: ${detail}` : ""}`,
            typeof error?.code === "number" ? error.code : null,
          ),
        );
      });
    } catch (cause) {
      reject(new OfficeError(`${what} was refused by Outlook`, null, { cause }));
    }
  });
}

function toMailItem(item: OutlookItem | null | undefined): MailItem | null {
  if (!item) return null;
  const itemType = item.itemType;
  if (itemType !== "message" && itemType !== "appointment") return null;
  return {
    itemType,
    itemId: text(item.itemId),
    subject: text(item.subject) ?? "",
    from: itemType === "message" ? toAddress(item.from) : null,
    organizer: itemType === "appointment" ? toAddress(item.organizer) : null,
    to: toAddresses(item.to),
    cc: toAddresses(item.cc),
    requiredAttendees: toAddresses(item.requiredAttendees),
    optionalAttendees: toAddresses(item.optionalAttendees),
    internetMessageId: text(item.internetMessageId),
    conversationId: text(item.conversationId),
    dateTimeCreated: isoDate(item.dateTimeCreated),
    start: itemType === "appointment" ? isoDate(item.start) : null,
    end: itemType === "appointment" ? isoDate(item.end) : null,
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function toAddress(value: unknown): EmailAddress | null {
  if (typeof value !== "object" || value === null) return null;
  const { displayName, emailAddress } = value as Record<string, unknown>;
  if (typeof emailAddress !== "string" || emailAddress === "") return null;
  return { displayName: typeof displayName === "string" ? displayName : "", emailAddress };
}

function toAddresses(value: unknown): EmailAddress[] {
  if (!Array.isArray(value)) return [];
  return value.map(toAddress).filter((address) => address !== null);
}

/** A Date from another frame (the harness) fails `instanceof Date`, so this asks it instead. */
function isoDate(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return null;
  const { toISOString } = value as { toISOString?: unknown };
  if (typeof toISOString !== "function") return null;
  try {
    const iso: unknown = toISOString.call(value);
    return typeof iso === "string" ? iso : null;
  } catch {
    // An invalid Date throws RangeError.
    return null;
  }
}
