import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvValue, day, toXlsx } from './export.ts';

const unzip = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
const sheetData = (xml: string) => /<sheetData>(.*)<\/sheetData>/.exec(xml)?.[1];

describe('XLSX export with typed cells', () => {
  const rows = [
    ['number', 'title', 'words', 'published_on', 'submitted_at'],
    ['MIS-2027-0001', '=1+1', 12, day('2026-05-17'), new Date('2027-03-31T21:59:00Z')],
    ['MIS-2027-0002', '+421 900 123 456', 3.5, day('not a day'), null],
    ['', '@SUM(A1) & "x" <y>', Number.NaN, null, new Date('2027-01-15T11:00:00Z')],
  ];
  const files = unzip(toXlsx(rows));

  it('writes numbers as numbers, days and instants as dates, text exactly as typed', () => {
    expect(sheetData(files['xl/worksheets/sheet1.xml']!)).toBe(
      [
        '<row r="1">',
        '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">number</t></is></c>',
        '<c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">title</t></is></c>',
        '<c r="C1" s="1" t="inlineStr"><is><t xml:space="preserve">words</t></is></c>',
        '<c r="D1" s="1" t="inlineStr"><is><t xml:space="preserve">published_on</t></is></c>',
        '<c r="E1" s="1" t="inlineStr"><is><t xml:space="preserve">submitted_at</t></is></c>',
        '</row><row r="2">',
        '<c r="A2" t="inlineStr"><is><t xml:space="preserve">MIS-2027-0001</t></is></c>',
        // Formula-looking text: an inline string (never evaluated) with the quotePrefix style, no apostrophe.
        '<c r="B2" s="4" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>',
        '<c r="C2"><v>12</v></c>',
        // 2026-05-17 is day 46159 since 1899-12-30.
        '<c r="D2" s="2"><v>46159</v></c>',
        // 2027-03-31 23:59 in Bratislava (21:59Z): day 46477 and 1439 of 1440 minutes.
        `<c r="E2" s="3"><v>${46477 + 1439 / 1440}</v></c>`,
        '</row><row r="3">',
        '<c r="A3" t="inlineStr"><is><t xml:space="preserve">MIS-2027-0002</t></is></c>',
        '<c r="B3" s="4" t="inlineStr"><is><t xml:space="preserve">+421 900 123 456</t></is></c>',
        '<c r="C3"><v>3.5</v></c>',
        '<c r="D3" t="inlineStr"><is><t xml:space="preserve">not a day</t></is></c>',
        '</row><row r="4">',
        '<c r="B4" s="4" t="inlineStr"><is><t xml:space="preserve">@SUM(A1) &amp; &quot;x&quot; &lt;y&gt;</t></is></c>',
        // 12:00 in Bratislava in winter.
        '<c r="E4" s="3"><v>46402.5</v></c>',
        '</row>',
      ].join(''),
    );
    expect(files['xl/worksheets/sheet1.xml']).not.toContain('<f>');
    expect(files['xl/worksheets/sheet1.xml']).not.toContain("'=");
  });

  it('makes the header bold and frozen, sizes the columns, and declares the styles it uses', () => {
    const sheet = files['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(/<cols>(.*)<\/cols>/.exec(sheet)?.[1]).toBe(
      [
        '<col min="1" max="1" width="15" customWidth="1"/>',
        '<col min="2" max="2" width="20" customWidth="1"/>',
        '<col min="3" max="3" width="8" customWidth="1"/>',
        '<col min="4" max="4" width="14" customWidth="1"/>',
        '<col min="5" max="5" width="18" customWidth="1"/>',
      ].join(''),
    );
    const styles = files['xl/styles.xml']!;
    const xfs = /<cellXfs count="5">(.*)<\/cellXfs>/.exec(styles)?.[1]?.match(/<xf [^>]*\/>/g);
    expect(xfs?.[1]).toContain('fontId="1"');
    expect(styles).toContain('<font><b/><sz val="11"/><name val="Calibri"/></font>');
    expect(xfs?.[2]).toContain('numFmtId="164"');
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>');
    expect(xfs?.[3]).toContain('numFmtId="165"');
    expect(xfs?.[4]).toContain('quotePrefix="1"');
    expect(files['[Content_Types].xml']).toContain('<Override PartName="/xl/styles.xml"');
    expect(files['xl/_rels/workbook.xml.rels']).toContain('Target="styles.xml"');
  });

  it('gives the same bytes for the same rows', () => {
    expect(toXlsx(rows)).toEqual(toXlsx(rows));
  });

  it('turns cells into CSV values', () => {
    expect(rows[1]!.map(csvValue)).toEqual(['MIS-2027-0001', '=1+1', 12, '2026-05-17', '2027-03-31T21:59:00.000Z']);
    expect(csvValue(null)).toBe('');
  });
});
