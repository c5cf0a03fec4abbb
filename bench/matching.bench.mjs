// `npm run bench` (first part): the family matcher on 500 households (250 hosts, 250 guests)
// drawn from a fixed pseudo-random sequence. Prints figures; asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { childBands, diets, matchHouseholds } from '../functions/lunches/matching.ts';
import { townNames } from '../functions/lunches/towns.ts';

let seed = 20261123;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const some = (xs, p) => xs.filter(() => random() < p);

function household(id) {
  const languages = some(['sk', 'en', 'uk', 'ru', 'ar'], 0.4);
  return {
    id,
    languages: languages.length ? languages : ['sk'],
    town: pick(townNames),
    maxTravelKm: pick([20, 50, 100, 200]),
    adults: 1 + Math.floor(random() * 3),
    children: Object.fromEntries(childBands.map((b) => [b, random() < 0.3 ? 1 : 0])),
    diets: some(diets, 0.15),
    hasAllergies: random() < 0.1,
    canCookFor: some([...diets, 'allergies'], 0.6),
    seats: 2 + Math.floor(random() * 6),
    hasPets: random() < 0.3,
    avoidPets: random() < 0.1,
  };
}

const hosts = Array.from({ length: 250 }, (_, i) => household(`h${String(i).padStart(3, '0')}`));
const guests = Array.from({ length: 250 }, (_, i) => household(`g${String(i).padStart(3, '0')}`));
const options = { format: 'home', city: 'Bratislava' };

matchHouseholds(hosts, guests, options); // warm-up
const runs = 5;
const times = [];
let result;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  result = matchHouseholds(hosts, guests, options);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `matching 500 households (250 hosts × 250 guests): median ${times[Math.floor(runs / 2)].toFixed(1)} ms, best ${times[0].toFixed(1)} ms over ${runs} runs`,
);
console.log(`  ${result.pairs.length} pairs, ${result.unmatched.length} households unmatched`);
