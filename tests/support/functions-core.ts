/**
 * A stand-in for `@azure/functions-core`, the module the Azure Functions Node worker gives the
 * app at run time (the API bundle leaves it external, scripts/build-api.mjs). `@azure/functions`
 * registers each `app.http(...)` through it: here the registrations are kept, so that the local
 * host can serve exactly the functions the production bundle registers (bundle-host.ts).
 *
 * Only the members `@azure/functions` calls as an app loads are here. The worker's `log` is left
 * out on purpose: without it the library logs to the console.
 */

/** A binding as the library describes it to the worker (`toCoreFunctionMetadata`). */
export interface BindingInfo {
  readonly type: string;
  readonly direction: "in" | "out";
  readonly methods?: readonly string[];
  readonly route?: string;
  readonly authLevel?: string;
}

export interface Registration {
  readonly name: string;
  readonly bindings: Readonly<Record<string, BindingInfo>>;
  /** The app's own handler: the worker calls it with an HttpRequest and an InvocationContext. */
  readonly callback: (...args: unknown[]) => unknown;
}

export const registrations: Registration[] = [];
/** Hook names the app registered (`app.hook.*`); the local host runs no hooks. */
export const hooks: string[] = [];

const disposable = { dispose: () => undefined };

export function registerFunction(
  metadata: { name: string; bindings: Record<string, BindingInfo> },
  callback: (...args: unknown[]) => unknown,
) {
  registrations.push({ name: metadata.name, bindings: metadata.bindings, callback });
  return disposable;
}

export function registerHook(name: string) {
  hooks.push(name);
  return disposable;
}

let model: unknown;
export function setProgrammingModel(programmingModel: unknown): void {
  model = programmingModel;
}
export function getProgrammingModel(): unknown {
  return model;
}
