/**
 * Cleaning the names people's files arrive with (S13/S14). The name is only ever shown and used
 * as a download name; storage keys are made by the server. Pure functions.
 */

/** Longest cleaned name, in characters (code points), extension included. */
export const MAX_NAME_CHARS = 100;

/** Device names Windows refuses as file names, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A safe display and download name from what the client sent: only the last path segment; no
 * control, format (bidi overrides such as U+202E, zero-width) or Windows-forbidden characters;
 * no leading dots; not a Windows device name; at most `MAX_NAME_CHARS`, keeping a short
 * extension. Letters of any script (č, ľ, ї, ґ) stay. Empty results become `fallback`.
 */
export function cleanFileName(raw: string, fallback = 'file'): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{FFFD}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  name = truncate(name, MAX_NAME_CHARS);
  return name === '' ? fallback : name;
}

/** Shortens by code points, keeping an extension of up to 10 characters. */
function truncate(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 11)
    return (
      chars
        .slice(0, max - ext.length)
        .join('')
        .replace(/[\s.]+$/u, '') + ext.join('')
    );
  return chars
    .slice(0, max)
    .join('')
    .replace(/[\s.]+$/u, '');
}

/** The name with the extension of its real (sniffed) type, so `report.pdf.exe` cannot pose as a PDF. */
export function withExtension(name: string, ext: string): string {
  return name.toLowerCase().endsWith(`.${ext}`) ? name : truncate(`${name}.${ext}`, MAX_NAME_CHARS + ext.length + 1);
}

/**
 * A `Content-Disposition: attachment` value for a cleaned name: an ASCII fallback plus the
 * UTF-8 name (RFC 6266 / 8187), so no name can break out of the header.
 */
export function attachmentDisposition(name: string): string {
  const asciiName =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
