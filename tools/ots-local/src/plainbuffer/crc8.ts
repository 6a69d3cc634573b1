/** CRC-8 as PlainBuffer uses it: poly 0x07, init 0, no reflection, no xor-out. */
const TABLE = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    table[i] = crc;
  }
  return table;
})();

export function crcByte(crc: number, byte: number): number {
  return TABLE[(crc ^ byte) & 0xff]!;
}

export function crcBytes(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

export function crcUint32(crc: number, value: number): number {
  for (let i = 0; i < 4; i++) crc = crcByte(crc, (value >>> (i * 8)) & 0xff);
  return crc;
}
