/**
 * The part of `negotiator` (1.x) the API uses (http.ts): DefinitelyTyped's types are of 0.6,
 * which has no `preferred`.
 */
declare module "negotiator" {
  export default class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    /**
     * The encoding of `available` the request's `Accept-Encoding` prefers, ties going to the
     * first of `preferred`; undefined when it accepts none of them.
     */
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
