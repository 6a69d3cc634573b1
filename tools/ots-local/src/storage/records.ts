import { crc32 } from 'node:zlib';

/**
 * The framing of every file ots-local writes: `u32 length | u32 crc32 | payload`, little-endian.
 * A reader stops at the first record that is short or whose checksum fails: that is where a torn
 * or corrupt tail starts.
 */
const HEADER_BYTES = 8;

export function frame(payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  payload.copy(out, HEADER_BYTES);
  return out;
}

export interface ScanResult {
  payloads: Buffer[];
  /** Bytes up to the end of the last whole, valid record. */
  validLength: number;
  /** Why reading stopped early, if it did. */
  damage?: string;
}

export function scan(bytes: Buffer): ScanResult {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER_BYTES) return { payloads, validLength: offset, damage: 'truncated record header' };
    const length = bytes.readUInt32LE(offset);
    const checksum = bytes.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > bytes.length) return { payloads, validLength: offset, damage: 'truncated record' };
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) return { payloads, validLength: offset, damage: 'checksum mismatch' };
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validLength: offset };
}
