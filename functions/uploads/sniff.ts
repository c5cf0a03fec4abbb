/**
 * File types told apart by their first bytes (magic numbers), never by the name the client sent
 * (S13). Pure: takes the first bytes of a file, returns what it is or null.
 */

/** The kinds of file the portal can take, declared once. */
export const fileKinds = [
  'pdf',
  'jpeg',
  'png',
  'webp',
  'mp4',
  'mov',
  'm4a',
  'webm',
  'mkv',
  'mp3',
  'wav',
  'ogg',
  'docx',
  'odt',
] as const;
export type FileKind = (typeof fileKinds)[number];

/** Media type and file extension of each kind (the extension used for downloads). */
export const kindInfo: Record<FileKind, { mime: string; ext: string }> = {
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  mp4: { mime: 'video/mp4', ext: 'mp4' },
  mov: { mime: 'video/quicktime', ext: 'mov' },
  m4a: { mime: 'audio/mp4', ext: 'm4a' },
  webm: { mime: 'video/webm', ext: 'webm' },
  mkv: { mime: 'video/x-matroska', ext: 'mkv' },
  mp3: { mime: 'audio/mpeg', ext: 'mp3' },
  wav: { mime: 'audio/wav', ext: 'wav' },
  ogg: { mime: 'audio/ogg', ext: 'ogg' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt' },
};

/** How many leading bytes `sniffKind` looks at; the upload reads this much of part 1 before storing it. */
export const SNIFF_BYTES = 4096;

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;

/** ISO base media (ftyp box): the major brand says video (MP4), QuickTime (MOV) or audio (M4A). */
function isoKind(head: Uint8Array): FileKind | null {
  if (ascii(head, 4, 4) !== 'ftyp') return null;
  const brand = ascii(head, 8, 4);
  if (brand === 'qt  ') return 'mov';
  if (brand === 'M4A ' || brand === 'M4B ') return 'm4a';
  return /^[\x20-\x7e]{4}$/.test(brand) ? 'mp4' : null;
}

/** EBML header: Matroska, or WebM when its DocType says so. */
function matroskaKind(head: Uint8Array): FileKind | null {
  if (!startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return null;
  // DocType element (0x42 0x82) inside the first bytes of the header.
  for (let i = 4; i < Math.min(head.length - 6, 64); i++) {
    if (head[i] === 0x42 && head[i + 1] === 0x82) {
      const size = (head[i + 2] ?? 0) & 0x7f;
      return ascii(head, i + 3, size) === 'webm' ? 'webm' : 'mkv';
    }
  }
  return 'mkv';
}

/** An MPEG audio frame header of Layer III (MP3) without an ID3 tag in front. */
function isMp3Frame(head: Uint8Array): boolean {
  const [b0 = 0, b1 = 0, b2 = 0] = head;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer === 0b01 && bitrate !== 0 && bitrate !== 0xf && sampleRate !== 0b11;
}

/**
 * ZIP-based documents. ODT stores an uncompressed `mimetype` entry first (ODF 1.2 §3.3); DOCX is
 * recognised by its `[Content_Types].xml` and a `word/` entry among the local headers in `head`.
 * Nothing is decompressed (S14: a zip bomb is never inflated here).
 */
function zipKind(head: Uint8Array): FileKind | null {
  if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return null;
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && startsWith(head, [0x50, 0x4b, 0x03, 0x04], at)) {
    const flags = u16le(head, at + 6);
    const compressedSize = u32le(head, at + 18);
    const nameLength = u16le(head, at + 26);
    const extraLength = u16le(head, at + 28);
    const name = ascii(head, at + 30, nameLength);
    names.push(name);
    const dataAt = at + 30 + nameLength + extraLength;
    if (names.length === 1 && name === 'mimetype') {
      return ascii(head, dataAt, compressedSize) === 'application/vnd.oasis.opendocument.text' ? 'odt' : null;
    }
    // With a data descriptor (flag bit 3) the size is unknown here: stop walking.
    if (flags & 0x08) break;
    at = dataAt + compressedSize;
  }
  return names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/')) ? 'docx' : null;
}

/** What kind of file starts with `head` (its first `SNIFF_BYTES` or fewer), or null. */
export function sniffKind(head: Uint8Array): FileKind | null {
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 4);
    return form === 'WEBP' ? 'webp' : form === 'WAVE' ? 'wav' : null;
  }
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 0, 3) === 'ID3' || isMp3Frame(head)) return 'mp3';
  return isoKind(head) ?? matroskaKind(head) ?? zipKind(head);
}
