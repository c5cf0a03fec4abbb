import { PDFDocument } from '@cantoo/pdf-lib';
import { kindInfo, SNIFF_BYTES, sniffKind } from '../../../core/file-kind.ts';
import { type FileType, fileTypes } from '../../../functions/materials/facets.schemas.ts';

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
 * The type a file's bytes say it is, whatever its name claims: the uploads' detector (`sniffKind`,
 * file-type with the portal's allow-list) for PDF, WebM and Ogg, and `WEBVTT` (after an optional
 * byte-order mark) for subtitles, which are text and have no magic number file-type knows.
 */
export async function sniffType(bytes: Uint8Array): Promise<FileType | undefined> {
  const kind = await sniffKind(bytes.subarray(0, SNIFF_BYTES));
  const mime = kind ? kindInfo[kind].mime : undefined;
  if (mime && (fileTypes as readonly string[]).includes(mime)) return mime as FileType;
  const text = startsWith(bytes, utf8Bom) ? 3 : 0;
  if (startsWith(bytes, ascii('WEBVTT'), text) && [undefined, 0x0a, 0x0d, 0x20, 0x09].includes(bytes[text + 6]))
    return 'text/vtt';
  return undefined;
}

/** The page count of a PDF, or undefined when `@cantoo/pdf-lib` (the maintained fork of pdf-lib) cannot read it. */
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
  const actual = await sniffType(bytes);
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
