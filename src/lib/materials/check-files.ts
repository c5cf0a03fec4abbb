import { PDFDocument } from 'pdf-lib';
import type { FileType } from '../../../functions/materials/facets.schemas.ts';

/** A file as a material's front matter lists it. */
export interface ListedFile {
  name: string;
  type: FileType;
  size: number;
  pages?: number;
}

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const utf8Bom = [0xef, 0xbb, 0xbf];

/**
 * The type a file's first bytes say it is, whatever its name claims: `%PDF-`, the EBML header
 * of WebM (with its `webm` doctype), `OggS`, or `WEBVTT` (after an optional byte-order mark).
 */
export function sniffType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (
    startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) &&
    new TextDecoder('latin1').decode(bytes.subarray(0, 64)).includes('webm')
  )
    return 'video/webm';
  if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
  const text = startsWith(bytes, utf8Bom) ? 3 : 0;
  if (startsWith(bytes, ascii('WEBVTT'), text) && [undefined, 0x0a, 0x0d, 0x20, 0x09].includes(bytes[text + 6]))
    return 'text/vtt';
  return undefined;
}

/** The page count of a PDF, or undefined when pdf-lib cannot read it. */
async function pageCount(bytes: Uint8Array): Promise<number | undefined> {
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with one listed file, as messages naming the material and the file; none
 * when it exists with the listed size, type (by its bytes) and page count. `read` gives the
 * file's bytes, or undefined when there is no such file.
 */
export async function checkListedFile(
  materialId: string,
  file: ListedFile,
  path: string,
  read: (path: string) => Promise<Uint8Array | undefined>,
): Promise<string[]> {
  const where = `material "${materialId}", file "${file.name}"`;
  const bytes = await read(path);
  if (!bytes) return [`${where}: ${path} does not exist`];
  const problems: string[] = [];
  if (bytes.byteLength !== file.size)
    problems.push(`${where}: listed as ${file.size} bytes, but ${path} has ${bytes.byteLength}`);
  const actual = sniffType(bytes);
  if (actual !== file.type)
    problems.push(`${where}: listed as ${file.type}, but ${path} is ${actual ?? 'of an unknown type'} by its content`);
  else if (actual === 'application/pdf') {
    const pages = await pageCount(bytes);
    if (pages === undefined) problems.push(`${where}: ${path} starts like a PDF but cannot be read as one`);
    else if (pages !== file.pages)
      problems.push(`${where}: listed with ${file.pages ?? 'no'} pages, but ${path} has ${pages}`);
  } else if (file.pages !== undefined) problems.push(`${where}: only PDFs list a page count`);
  return problems;
}
