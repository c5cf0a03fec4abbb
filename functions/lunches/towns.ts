/**
 * Slovak towns with coordinates, so travel distances need no outside service. A household
 * picks its town from this list; proper nouns, the same in every locale.
 */
export const towns = {
  Bratislava: [48.1486, 17.1077],
  Košice: [48.7164, 21.2611],
  Prešov: [48.9985, 21.2339],
  Žilina: [49.2231, 18.7394],
  'Banská Bystrica': [48.7363, 19.1462],
  Nitra: [48.3069, 18.0864],
  Trnava: [48.3774, 17.5872],
  Trenčín: [48.8945, 18.0444],
  Martin: [49.0665, 18.9216],
  Poprad: [49.0511, 20.2979],
  Prievidza: [48.7745, 18.6275],
  Zvolen: [48.5762, 19.1371],
  'Nové Zámky': [47.9855, 18.1619],
  Komárno: [47.7631, 18.1203],
  Michalovce: [48.7543, 21.9195],
  Senec: [48.2199, 17.4003],
  Pezinok: [48.2893, 17.2664],
  Malacky: [48.436, 17.018],
  Humenné: [48.9371, 21.9063],
  'Liptovský Mikuláš': [49.084, 19.612],
} as const satisfies Record<string, readonly [number, number]>;
/** One of the built-in towns. */
export type Town = keyof typeof towns;
/** The towns in Slovak alphabetical order (the names are Slovak proper nouns, so Slovak collation in every locale). */
export const townNames = Object.keys(towns).sort((a, b) => a.localeCompare(b, 'sk')) as Town[];
/** Whether a value names one of the built-in towns. */
export const isTown = (value: unknown): value is Town => typeof value === 'string' && Object.hasOwn(towns, value);

/** Great-circle distance in kilometres (haversine), rounded to 0.1 km so costs are exact integers ×10. */
export function distanceKm(a: Town, b: Town): number {
  const [lat1, lon1] = towns[a];
  const [lat2, lon2] = towns[b];
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)) * 10) / 10;
}
