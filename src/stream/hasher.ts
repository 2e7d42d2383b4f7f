import xxhash from 'xxhash-wasm';

/** 64-bit xxhash (xxhash-wasm), initialised once per process: the wasm module loads asynchronously. */
export interface Hasher {
  h64(text: string): bigint;
  h64Raw(bytes: Uint8Array): bigint;
}

let loading: Promise<Hasher> | undefined;

export function loadHasher(): Promise<Hasher> {
  loading ??= xxhash().then((api) => ({
    h64: (text: string) => api.h64(text),
    h64Raw: (bytes: Uint8Array) => api.h64Raw(bytes),
  }));
  return loading;
}
