/**
 * Image dimensions read from the container header, so a decompression bomb (a 50,000 × 50,000
 * pixel image of a few kilobytes) is refused before anything decodes it (S14). Pure.
 */

/** Width × height of a PNG (IHDR) or JPEG (first SOF marker within `head`), or null when not found. */
export function imagePixels(head: Uint8Array): number | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 24 && head[0] === 0x89 && String.fromCharCode(...head.subarray(12, 16)) === 'IHDR') {
    return view.getUint32(16) * view.getUint32(20);
  }
  if (head[0] !== 0xff || head[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 <= head.length && head[at] === 0xff) {
    const marker = head[at + 1]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return view.getUint16(at + 5) * view.getUint16(at + 7);
    }
    if (marker === 0xda) return null;
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}
