// The globals src/shared may use: those the browser and Node (20 and later) both provide.
// src/shared compiles without the DOM's and Node's declarations (src/shared/tsconfig.json);
// add a global here only if both runtimes have it.
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: { digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer> };
};
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function btoa(data: string): string;
