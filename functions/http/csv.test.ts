import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('S18 CSV export is safe against formula injection', () => {
  it('S18 neutralises cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'].map(csvCell)).toEqual([
      '"\'=1+1"',
      '"\'+SUM(A1)"',
      '"\'-2+3"',
      '"\'@cmd"',
      '"\'\tx"',
      '"\'\rx"',
    ]);
  });

  it('keeps numbers (negative ones too), quotes and non-Latin text intact', () => {
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(
      toCsv([
        ['názov', 'Київ'],
        ['a,b', null],
      ]),
    ).toBe('\uFEFF"názov","Київ"\r\n"a,b",""\r\n');
    expect(['Bratislava', 'x=1', '', true, '+421 900 000 000'].map(csvCell)).toEqual([
      '"Bratislava"',
      '"x=1"',
      '""',
      '"true"',
      '"\'+421 900 000 000"',
    ]);
  });
});
