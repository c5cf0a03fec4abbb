import { describe, expect, it } from 'vitest';
import { boundaryOf, firstFile, indexOf } from './form-file.ts';

/** A body delivered in chunks of `size` bytes, as a network would. */
function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const boundary = '----WebKitFormBoundaryX3bY';
const file = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
// The file itself contains CRLF and a near-boundary, to catch a sloppy search.
file.set(new TextEncoder().encode(`\r\n--${boundary.slice(0, -1)}`), 5000);

function body(fields: string, name: string, content: Uint8Array): Uint8Array {
  const enc = new TextEncoder();
  const head = enc.encode(
    `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const out = new Uint8Array(head.length + content.length + tail.length);
  out.set(head);
  out.set(content, head.length);
  out.set(tail, head.length + content.length);
  return out;
}

describe('streaming the file out of a multipart form', () => {
  it('finds the boundary of the content type', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(indexOf(new Uint8Array([1, 2, 3, 2, 3]), new Uint8Array([3, 2]))).toBe(2);
  });

  for (const size of [1, 7, 1000, 65_536, 1_000_000]) {
    it(`returns the exact bytes and name with ${size}-byte chunks, after a plain field`, async () => {
      const fields = `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`;
      const found = await firstFile(chunked(body(fields, 'Reportáž %22x%22.pdf', file), size), boundary);
      expect(found?.name).toBe('Reportáž "x".pdf');
      expect(await collect(found!.stream)).toEqual(file);
    });
  }

  it('answers null without a file, and fails a body cut off inside the file', async () => {
    const onlyField = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--${boundary}--\r\n`,
    );
    expect(await firstFile(chunked(onlyField, 10), boundary)).toBeNull();
    const cut = body('', 'a.pdf', file).slice(0, 50_000);
    const found = await firstFile(chunked(cut, 4096), boundary);
    await expect(collect(found!.stream)).rejects.toThrow('multipart body ended inside the file');
  });

  it('an empty file gives an empty stream', async () => {
    const found = await firstFile(chunked(body('', 'empty.pdf', new Uint8Array()), 5), boundary);
    expect((await collect(found!.stream)).length).toBe(0);
  });
});
