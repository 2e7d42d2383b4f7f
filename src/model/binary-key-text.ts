/** Bytes as text of one character per byte (latin1): equal bytes give equal text, so bytes can key a Map or Set. */
export function binaryKeyText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
