import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef, PDFStream } from '@cantoo/pdf-lib';

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

/** Every indirect object reachable from `roots`, by following references through dictionaries, arrays and stream dictionaries. */
function reachable(doc: PDFDocument, roots: readonly PDFObject[]): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const stack = [...roots];
  while (stack.length > 0) {
    const object = stack.pop();
    if (object instanceof PDFRef) {
      if (seen.has(object)) continue;
      seen.add(object);
      const target = doc.context.lookup(object);
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
function stripAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
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
 * `@cantoo/pdf-lib`, the maintained fork of pdf-lib.
 * @throws Error when the PDF cannot be parsed (encrypted or broken): the caller refuses a blind copy
 */
export async function stripPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context } = doc;
  context.trailerInfo.Info = undefined;
  const metadata = name('Metadata');
  const dicts: PDFDict[] = [doc.catalog, ...doc.getPages().map((p) => p.node)];
  for (const dict of dicts) {
    dict.delete(metadata);
    dict.delete(name('AF'));
  }
  doc.catalog.lookupMaybe(name('Names'), PDFDict)?.delete(name('EmbeddedFiles'));
  stripAnnotations(doc);
  // File specifications anywhere (links, rich media, …) keep their name but lose the embedded stream.
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object;
    if (dict instanceof PDFDict && dict.lookupMaybe(name('Type'), PDFName)?.decodeText() === 'Filespec') {
      dict.delete(name('EF'));
      dict.delete(name('RF'));
    }
  }
  const keep = reachable(doc, context.trailerInfo.Root ? [context.trailerInfo.Root] : []);
  for (const [ref] of context.enumerateIndirectObjects()) if (!keep.has(ref)) context.delete(ref);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
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
