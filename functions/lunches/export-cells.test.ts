import { describe, expect, it } from 'vitest';
import { childrenText, dietsText, languagesText } from './export-cells.ts';

describe("the coordinators' CSV cells", () => {
  it('writes languages, diets and children as readable text, not JSON', () => {
    expect(languagesText(['uk', 'en', 'sk'])).toBe('Ukrainian, English, Slovak');
    expect(languagesText([])).toBe('');
    expect(dietsText(['halal', 'noPork', 'allergies'])).toBe('halal, no pork, allergen-free');
    expect(childrenText({ '0-2': 0, '3-5': 1, '6-11': 2, '12-17': 0 })).toBe('1 aged 3–5, 2 aged 6–11');
    expect(childrenText({ '12-17': 1, '0-2': 3 })).toBe('3 aged 0–2, 1 aged 12–17');
    expect(childrenText({})).toBe('');
  });
});
