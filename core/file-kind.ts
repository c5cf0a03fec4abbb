/**
 * File types told apart by their content, never by the name the client sent (S13). The detection
 * engine is `file-type` (it reads containers properly: ISO brands, ZIP entries with data descriptors
 * or a late `[Content_Types].xml`, EBML doctypes, Ogg codecs); this module keeps the portal's
 * allow-list on top: which of file-type's answers count as which kind, and nothing else does.
 */
import { fileTypeFromBuffer } from 'file-type';

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

/**
 * How many leading bytes of part 1 the upload reads before storing it: R2's smallest part (5 MiB),
 * or the whole file when it is smaller. Enough for file-type to walk a DOCX's local headers and for
 * `imagePixels` to reach a JPEG frame header behind large EXIF blocks (S14/S25).
 */
export const SNIFF_BYTES = 5 * 1024 * 1024;

/**
 * file-type's extensions that the portal takes, and as which kind. Everything else file-type knows
 * (HEIC, AVIF, 3GP, plain ZIP, XLSX, EPUB, executables…) is refused, and so is whatever it does not know.
 */
const kindOfExtension: Readonly<Record<string, FileKind>> = {
  pdf: 'pdf',
  ai: 'pdf', // a PDF written by Illustrator (it carries AIPrivateData): still a plain PDF
  jpg: 'jpeg',
  png: 'png',
  apng: 'png', // an animated PNG is a PNG with extra chunks
  webp: 'webp',
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mov',
  m4a: 'm4a',
  m4b: 'm4a',
  webm: 'webm',
  mkv: 'mkv',
  mp3: 'mp3',
  wav: 'wav',
  ogg: 'ogg',
  opus: 'ogg',
  oga: 'ogg',
  spx: 'ogg',
  docx: 'docx',
  odt: 'odt',
};

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;

/**
 * The names of the ZIP local headers at the start of `head`, walked without inflating anything; the
 * walk stops at an entry with a data descriptor (its size is not in the header) or at the end of `head`.
 */
function zipNames(head: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && u32le(head, at) === 0x04034b50) {
    const nameLength = u16le(head, at + 26);
    names.push(ascii(head, at + 30, nameLength));
    if (u16le(head, at + 6) & 0x08) break;
    at += 30 + nameLength + u16le(head, at + 28) + u32le(head, at + 18);
  }
  return names;
}

/**
 * Signatures kept when file-type gives no answer because `head` (under `CUT_SHORT` bytes) ends before
 * it can finish reading the header: PNG's chunks, ID3's tag size, Ogg's first codec packet.
 */
const CUT_SHORT = 64;
const cutShort: readonly [string, FileKind][] = [
  ['\x89PNG\r\n\x1a\n', 'png'], // an image cut short is then refused by its unreadable size (S25)
  ['ID3', 'mp3'],
  ['OggS', 'ogg'],
];

/**
 * What kind of file starts with `head` (its first `SNIFF_BYTES`, or the whole file when shorter),
 * or null when it is none of `fileKinds`. Nothing is inflated beyond the small text entries
 * file-type reads to tell ZIP documents apart (`mimetype`, `[Content_Types].xml`, each capped at 1 MiB).
 * Rules on top of file-type: a file starting with an ID3 tag can only be MP3; an OPC package that
 * file-type calls a plain ZIP because its `[Content_Types].xml` names no main part still counts as
 * DOCX when it has a `word/` part; a PNG, ID3 or Ogg start of under 64 bytes, too short for file-type, counts
 * as that kind (and is then checked further by the caller, e.g. an image's size).
 */
export async function sniffKind(head: Uint8Array): Promise<FileKind | null> {
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  if (!found)
    return head.length < CUT_SHORT
      ? (cutShort.find(([magic]) => ascii(head, 0, magic.length) === magic)?.[1] ?? null)
      : null;
  const kind = kindOfExtension[found.ext] ?? null;
  if (ascii(head, 0, 3) === 'ID3') return kind === 'mp3' ? kind : null;
  if (found.ext === 'zip') {
    const names = zipNames(head);
    return names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/')) ? 'docx' : null;
  }
  return kind;
}
