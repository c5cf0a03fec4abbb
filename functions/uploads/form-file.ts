/**
 * Streams the first file out of a `multipart/form-data` body without buffering it (the plain
 * no-JavaScript upload form). Request.formData() would hold the whole file in memory.
 */

const encoder = new TextEncoder();
const CRLFCRLF = encoder.encode('\r\n\r\n');
/** Part headers longer than this are refused (they are a few hundred bytes in practice). */
const MAX_HEADER_BYTES = 16 * 1024;

/** Position of `needle` in `haystack` at or after `from`, or -1. */
export function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  for (
    let i = haystack.indexOf(first, from);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** The boundary of a `multipart/form-data` Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The `filename` of a part's Content-Disposition (browsers send it as raw UTF-8, `"` as %22). */
function fileNameOf(headers: string): string | null {
  const match = /content-disposition:[^\r\n]*;\s*filename="([^"]*)"/i.exec(headers);
  return match ? match[1]!.replace(/%22/g, '"') : null;
}

/**
 * The first file part of a multipart body: its name and a stream of exactly its bytes, read
 * from `body` as the consumer pulls. Null when the body holds no file.
 */
export async function firstFile(
  body: ReadableStream<Uint8Array>,
  boundary: string,
): Promise<{ name: string; stream: ReadableStream<Uint8Array> } | null> {
  const reader = body.getReader();
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  // The body starts with `--boundary`; a leading CRLF makes the first delimiter look like the others.
  let buffer: Uint8Array = encoder.encode('\r\n');
  const more = async (): Promise<boolean> => {
    const { done, value } = await reader.read();
    if (done) return false;
    buffer = concat(buffer, value);
    return true;
  };

  for (;;) {
    let at = indexOf(buffer, delimiter);
    while (at === -1) {
      // Keep only what could be the start of a delimiter split across chunks.
      buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length + 1));
      if (!(await more())) return null;
      at = indexOf(buffer, delimiter);
    }
    buffer = buffer.subarray(at + delimiter.length);
    while (buffer.length < 2) if (!(await more())) return null;
    if (buffer[0] === 0x2d && buffer[1] === 0x2d) return null; // `--`: the closing delimiter
    let end = indexOf(buffer, CRLFCRLF);
    while (end === -1) {
      if (buffer.length > MAX_HEADER_BYTES || !(await more())) return null;
      end = indexOf(buffer, CRLFCRLF);
    }
    const headers = new TextDecoder().decode(buffer.subarray(0, end));
    buffer = buffer.subarray(end + CRLFCRLF.length);
    const name = fileNameOf(headers);
    if (name === null) continue; // a plain field: skip to the next part

    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          const stop = indexOf(buffer, delimiter);
          if (stop !== -1) {
            if (stop > 0) controller.enqueue(buffer.slice(0, stop));
            controller.close();
            await reader.cancel().catch(() => undefined);
            return;
          }
          const safe = buffer.length - delimiter.length + 1;
          if (safe > 0) {
            controller.enqueue(buffer.slice(0, safe));
            buffer = buffer.subarray(safe);
            return;
          }
          if (!(await more())) return controller.error(new Error('multipart body ended inside the file'));
        }
      },
      async cancel() {
        await reader.cancel().catch(() => undefined);
      },
    });
    return { name, stream };
  }
}
