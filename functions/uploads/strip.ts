import {
  PDFArray,
  PDFCatalog,
  type PDFContext,
  PDFDict,
  PDFName,
  type PDFObject,
  PDFPageLeaf,
  PDFParser,
  PDFRef,
  PDFStream,
  PDFWriter,
} from '@cantoo/pdf-lib';

/**
 * Metadata removal for the jury's blind copies (S09): authors' names hide in EXIF/XMP/IPTC,
 * PNG text chunks and PDF document info. Pure functions of the file's bytes; nothing is decoded
 * beyond the container structure, and the pixels / page content are left as they are.
 */

/** JPEG marker segments that may carry authorship: APP1 (EXIF, XMP), APP3–APP13 (IPTC in APP13), APP15, COM. */
function jpegSegmentIsMetadata(marker: number): boolean {
  return marker === 0xe1 || (marker >= 0xe3 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
}

/** The EXIF orientation (1–8) in an APP1 segment's payload, or null. */
function exifOrientation(payload: Uint8Array): number | null {
  if (String.fromCharCode(...payload.subarray(0, 6)) !== 'Exif\0\0' || payload.length < 14) return null;
  const tiff = new DataView(payload.buffer, payload.byteOffset + 6, payload.length - 6);
  const little = tiff.getUint16(0) === 0x4949;
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return null;
  const count = tiff.getUint16(ifd, little);
  for (let i = 0; i < count && ifd + 2 + i * 12 + 12 <= tiff.byteLength; i++) {
    const entry = ifd + 2 + i * 12;
    if (tiff.getUint16(entry, little) === 0x0112) {
      const value = tiff.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** A minimal APP1 segment holding only the orientation, so rotated phone photos still show upright. */
function orientationSegment(orientation: number): Uint8Array {
  // "Exif\0\0", big-endian TIFF header, IFD0 with one SHORT entry (0x0112), no next IFD.
  const payload = [
    0x45,
    0x78,
    0x69,
    0x66,
    0,
    0,
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/**
 * A JPEG without EXIF, XMP, IPTC and comments. Keeps JFIF (APP0), the ICC colour profile (APP2)
 * and Adobe's colour transform (APP14), which change how the image looks, not who made it, and
 * the EXIF orientation alone (rewritten in a fresh EXIF segment of its own).
 */
export function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | null = null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error('broken JPEG segment');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // image data (or end): copied as is
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new Error('broken JPEG segment');
    if (!jpegSegmentIsMetadata(marker)) kept.push(bytes.subarray(at, end));
    else if (marker === 0xe1) orientation ??= exifOrientation(bytes.subarray(at + 4, end));
    at = end;
  }
  kept.push(bytes.subarray(at));
  if (orientation !== null && orientation !== 1) kept.splice(1, 0, orientationSegment(orientation));
  return concat(kept);
}

/** PNG chunks that carry text, times or EXIF. */
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'tIME', 'eXIf']);

/** A PNG without text, time and EXIF chunks; every other chunk (and its CRC) is copied unchanged. */
export function stripPng(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error('broken PNG chunk');
    if (!PNG_METADATA_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

const name = (n: string) => PDFName.of(n);

/** How many objects pdf-lib parses between yields to the event loop (`ParseSpeeds.Slow`, `PDFDocument.load`'s default). */
const PDF_OBJECTS_PER_TICK = 100;
/** How many objects pdf-lib writes between yields (`PDFDocument.save`'s default). */
const PDF_OBJECTS_PER_WRITE_TICK = 50;

/** Every indirect object reachable from `roots`, by following references through dictionaries, arrays and stream dictionaries. */
function reachable(context: PDFContext, roots: readonly PDFObject[]): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const stack = [...roots];
  while (stack.length > 0) {
    const object = stack.pop();
    if (object instanceof PDFRef) {
      if (seen.has(object)) continue;
      seen.add(object);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFDict) stack.push(...object.values());
    else if (object instanceof PDFArray) stack.push(...object.asArray());
    else if (object instanceof PDFStream) stack.push(object.dict);
  }
  return seen;
}

/**
 * Annotations lose their author (`/T`, except on form widgets, where `/T` is the field's name) and
 * their reply-to and modification details; file attachment annotations are removed from the page.
 */
function stripAnnotations(pages: readonly PDFPageLeaf[]): void {
  for (const page of pages) {
    const annots = page.lookupMaybe(name('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (!annot) continue;
      const subtype = annot.lookupMaybe(name('Subtype'), PDFName)?.decodeText();
      if (subtype === 'FileAttachment') {
        annots.remove(i);
        continue;
      }
      if (subtype !== 'Widget') annot.delete(name('T'));
      annot.delete(name('M'));
      annot.delete(name('NM'));
    }
  }
}

/**
 * A PDF without its document information dictionary (title, author, creator, producer, dates),
 * XMP metadata streams on the document and its pages, annotation authors (`/T`), embedded files
 * (the `/EmbeddedFiles` name tree, `/AF` associated files, `/FileAttachment` annotations, the `/EF`
 * of file specifications) and every object no longer reachable from the catalog (earlier revisions
 * of an incrementally saved file, orphaned streams). Saved without object streams. Parsed with
 * `@cantoo/pdf-lib`, the maintained fork of pdf-lib: its object layer only (parser, objects, writer),
 * the same parse and write as `PDFDocument.load` and `save`. Its document layer (`PDFDocument`: pages,
 * forms, fonts, SVG, colours, an HTML parser) is a third of the Worker's upload and draws nothing here.
 * @throws Error when the PDF cannot be parsed (encrypted or broken): the caller refuses a blind copy
 */
export async function stripPdf(bytes: Uint8Array): Promise<Uint8Array> {
  // As `PDFDocument.load(bytes, { updateMetadata: false })`: parse slowly (100 objects a tick), no throw
  // on an invalid object, and refuse an encrypted file.
  const context = await PDFParser.forBytesWithOptions(bytes, PDF_OBJECTS_PER_TICK).parseDocument();
  if (context.lookup(context.trailerInfo.Encrypt)) throw new Error('encrypted PDF');
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFCatalog)) throw new Error('PDF without a catalog');
  const pages: PDFPageLeaf[] = [];
  catalog.Pages().traverse((node) => {
    if (node instanceof PDFPageLeaf) pages.push(node);
  });
  context.trailerInfo.Info = undefined;
  const metadata = name('Metadata');
  const dicts: PDFDict[] = [catalog, ...pages];
  for (const dict of dicts) {
    dict.delete(metadata);
    dict.delete(name('AF'));
  }
  catalog.lookupMaybe(name('Names'), PDFDict)?.delete(name('EmbeddedFiles'));
  stripAnnotations(pages);
  // File specifications anywhere (links, rich media, …) keep their name but lose the embedded stream.
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object;
    if (dict instanceof PDFDict && dict.lookupMaybe(name('Type'), PDFName)?.decodeText() === 'Filespec') {
      dict.delete(name('EF'));
      dict.delete(name('RF'));
    }
  }
  const keep = reachable(context, context.trailerInfo.Root ? [context.trailerInfo.Root] : []);
  for (const [ref] of context.enumerateIndirectObjects()) if (!keep.has(ref)) context.delete(ref);
  // As `save({ useObjectStreams: false, updateFieldAppearances: false })`, 50 objects a tick.
  return PDFWriter.forContext(context, PDF_OBJECTS_PER_WRITE_TICK).serializeToBuffer();
}

/** An ISO BMFF box: its type, where it starts, where its payload starts and where it ends. */
interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

/** The boxes laid out between `start` and `end`; throws on a box that runs past `end` (a broken file is refused). */
function boxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Box[] = [];
  let at = start;
  while (at < end) {
    if (at + 8 > end) throw new Error('broken box header');
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) throw new Error('broken box header');
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) size = end - at;
    if (size < body - at || at + size > end) throw new Error('broken box size');
    found.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), start: at, body, end: at + size });
    at += size;
  }
  return found;
}

const child = (bytes: Uint8Array, box: Box, type: string, skip = 0) =>
  boxes(bytes, box.body + skip, box.end).find((b) => b.type === type);

/** Turns a box into a `free` box of the same size with zeros inside: nothing moves, so no offset changes. */
function blank(out: Uint8Array, box: Box): void {
  out.set([0x66, 0x72, 0x65, 0x65], box.start + 4);
  out.fill(0, box.body, box.end);
}

/** Zeroes the creation and modification times of an mvhd, tkhd or mdhd box (version 0: 32-bit, 1: 64-bit). */
function zeroTimes(out: Uint8Array, box: Box): void {
  const width = out[box.body] === 1 ? 8 : 4;
  if (box.body + 4 + 2 * width > box.end) throw new Error('broken header box');
  out.fill(0, box.body + 4, box.body + 4 + 2 * width);
}

/** The byte ranges of a track's samples, from its sample table (stsz, stsc, stco/co64). */
function sampleRanges(bytes: Uint8Array, stbl: Box): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stsz = child(bytes, stbl, 'stsz');
  const stsc = child(bytes, stbl, 'stsc');
  const stco = child(bytes, stbl, 'stco') ?? child(bytes, stbl, 'co64');
  if (!stsz || !stsc || !stco) throw new Error('track without a sample table');
  const fixedSize = view.getUint32(stsz.body + 4);
  const sampleCount = view.getUint32(stsz.body + 8);
  const sizeOf = (i: number) => (fixedSize !== 0 ? fixedSize : view.getUint32(stsz.body + 12 + 4 * i));
  if (fixedSize === 0 && stsz.body + 12 + 4 * sampleCount > stsz.end) throw new Error('broken stsz');
  const wide = stco.type === 'co64';
  const chunkCount = view.getUint32(stco.body + 4);
  if (stco.body + 8 + chunkCount * (wide ? 8 : 4) > stco.end) throw new Error('broken chunk offsets');
  const offsetOf = (c: number) =>
    wide ? Number(view.getBigUint64(stco.body + 8 + 8 * c)) : view.getUint32(stco.body + 8 + 4 * c);
  const runs = view.getUint32(stsc.body + 4);
  if (stsc.body + 8 + runs * 12 > stsc.end) throw new Error('broken stsc');
  const ranges: [number, number][] = [];
  let sample = 0;
  for (let r = 0; r < runs; r++) {
    const first = view.getUint32(stsc.body + 8 + r * 12) - 1;
    const perChunk = view.getUint32(stsc.body + 8 + r * 12 + 4);
    const last = r + 1 < runs ? view.getUint32(stsc.body + 8 + (r + 1) * 12) - 1 : chunkCount;
    for (let c = first; c < last && c < chunkCount; c++) {
      let at = offsetOf(c);
      for (let s = 0; s < perChunk && sample < sampleCount; s++, sample++) {
        ranges.push([at, at + sizeOf(sample)]);
        at += sizeOf(sample);
      }
    }
  }
  return ranges;
}

/** Track handlers whose samples are the work itself (pictures, sound); any other track (timed metadata, GPS, timecode) is dropped. */
const MEDIA_HANDLERS = new Set(['vide', 'soun']);

/**
 * An MP4, M4A or MOV without its metadata: `udta` (QuickTime ©nam/©ART/©day… and iTunes-style
 * `meta`/`ilst` tags), `meta` (Apple's keys such as location, make, model, software), XMP `uuid`
 * boxes, wherever they sit (top level, movie, track), the contents of `free`/`skip` boxes, the
 * creation and modification times of the movie, its tracks and media, and whole tracks that are
 * not picture or sound (timed metadata such as GPS: the track becomes `free` and its samples in
 * `mdat` are zeroed). Every removed box becomes a zero-filled `free` box of the same size, so no
 * byte moves and the chunk offsets stay right; the pictures and sound are the same bytes.
 * @throws Error when the file is not ISO BMFF, a box is broken, or a track to drop is fragmented or
 *   its sample table is unreadable (the caller then refuses a blind copy rather than serve metadata)
 */
export function stripIsoMedia(bytes: Uint8Array): Uint8Array {
  const top = boxes(bytes, 0, bytes.length);
  if (top[0]?.type !== 'ftyp') throw new Error('not an ISO media file');
  const out = bytes.slice();
  const fragmented = top.some((b) => b.type === 'moof');
  const metadata = new Set(['udta', 'meta', 'uuid']);
  const tidy = (box: Box) => {
    if (metadata.has(box.type)) blank(out, box);
    else if (box.type === 'free' || box.type === 'skip') out.fill(0, box.body, box.end);
  };
  for (const box of top) {
    tidy(box);
    if (box.type !== 'moov') continue;
    for (const inMovie of boxes(bytes, box.body, box.end)) {
      tidy(inMovie);
      if (inMovie.type === 'mvhd') zeroTimes(out, inMovie);
      if (inMovie.type !== 'trak') continue;
      const mdia = child(bytes, inMovie, 'mdia');
      const hdlr = mdia && child(bytes, mdia, 'hdlr');
      const handler = hdlr ? String.fromCharCode(...bytes.subarray(hdlr.body + 8, hdlr.body + 12)) : '';
      if (!MEDIA_HANDLERS.has(handler)) {
        if (fragmented) throw new Error('a fragmented file with a non-media track');
        const minf = mdia && child(bytes, mdia, 'minf');
        const stbl = minf && child(bytes, minf, 'stbl');
        if (!stbl) throw new Error('track without a sample table');
        for (const [from, to] of sampleRanges(bytes, stbl)) {
          if (from < 0 || to > out.length || from > to) throw new Error('sample outside the file');
          out.fill(0, from, to);
        }
        blank(out, inMovie);
        continue;
      }
      for (const inTrack of boxes(bytes, inMovie.body, inMovie.end)) {
        tidy(inTrack);
        if (inTrack.type === 'tkhd') zeroTimes(out, inTrack);
        if (inTrack.type === 'mdia') {
          for (const inMedia of boxes(bytes, inTrack.body, inTrack.end)) {
            tidy(inMedia);
            if (inMedia.type === 'mdhd') zeroTimes(out, inMedia);
          }
        }
      }
    }
  }
  return out;
}

/** The size of an ID3v2 tag starting at `at` (header, body and footer), or 0 when none starts there. */
function id3v2Size(bytes: Uint8Array, at: number): number {
  if (String.fromCharCode(...bytes.subarray(at, at + 3)) !== 'ID3' || at + 10 > bytes.length) return 0;
  const size = bytes.subarray(at + 6, at + 10).reduce((n, b) => {
    if (b & 0x80) throw new Error('broken ID3 size');
    return (n << 7) | b;
  }, 0);
  return 10 + size + (bytes[at + 5]! & 0x10 ? 10 : 0);
}

/**
 * An MP3 without its tags: ID3v2 tags at the start (however many), and at the end an ID3v1 tag
 * (`TAG`, 128 bytes), an Enhanced TAG (`TAG+`, 227 bytes), an APEv2 tag (`APETAGEX`), an appended
 * ID3v2.4 tag (footer `3DI`) and Lyrics3 (`LYRICS200`). What remains must start with an MPEG audio
 * frame; the frames are the same bytes.
 * @throws Error when no MPEG audio frame follows the tags, or a tag is broken
 */
export function stripMp3(bytes: Uint8Array): Uint8Array {
  let start = 0;
  for (let size = id3v2Size(bytes, start); size > 0; size = id3v2Size(bytes, start)) start += size;
  let end = bytes.length;
  const text = (from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
  const u32le = (at: number) =>
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  for (let changed = true; changed && end > start; ) {
    changed = false;
    if (end - 128 >= start && text(end - 128, 3) === 'TAG') {
      end -= 128;
      if (end - 227 >= start && text(end - 227, 4) === 'TAG+') end -= 227;
      changed = true;
    } else if (end - 32 >= start && text(end - 32, 8) === 'APETAGEX') {
      // The footer's size counts the items and the footer; a header (flag bit 31) adds 32 more.
      const size = u32le(end - 32 + 12) + (u32le(end - 32 + 20) & 0x80000000 ? 32 : 0);
      if (size < 32 || end - size < start) throw new Error('broken APE tag');
      end -= size;
      changed = true;
    } else if (end - 10 >= start && text(end - 10, 3) === '3DI') {
      const size = bytes.subarray(end - 4, end).reduce((n, b) => (n << 7) | (b & 0x7f), 0) + 20;
      if (end - size < start) throw new Error('broken appended ID3 tag');
      end -= size;
      changed = true;
    } else if (end - 15 >= start && text(end - 9, 9) === 'LYRICS200') {
      const size = Number(text(end - 15, 6)) + 15;
      if (!Number.isSafeInteger(size) || end - size < start) throw new Error('broken Lyrics3 tag');
      end -= size;
      changed = true;
    }
  }
  if (bytes[start] !== 0xff || ((bytes[start + 1] ?? 0) & 0xe0) !== 0xe0)
    throw new Error('no MPEG audio frame after the tags');
  return bytes.slice(start, end);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
