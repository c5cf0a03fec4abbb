import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('formula-safe CSV', () => {
  it('S18 cells starting with = + - @ tab or CR become text; others are only quoted', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1'].map(csvCell)).toEqual([`"'=1+1"`, `"'+1"`, `"'-1"`, `"'@A1"`, `"'\t=1"`, `"'\r=1"`]);
    expect(['Bratislava', 'a "quoted" word', 'x=1', '', null, 3, true].map(csvCell)).toEqual(['"Bratislava"', '"a ""quoted"" word"', '"x=1"', '""', '""', '"3"', '"true"']);
  });

  it('writes a BOM and CRLF line ends', () => {
    expect(toCsv([['a', 'b'], ['=c', 'd']])).toBe(`\uFEFF"a","b"\r\n"'=c","d"\r\n`);
  });
});
