// `npm run bench` (first part): the family matcher on 500 households (250 hosts, 250 guests)
// drawn from a fixed pseudo-random sequence. Prints figures; asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { matchHouseholds } from '../functions/lunches/matching.ts';
import { randomHouseholds } from '../functions/lunches/matching-instance.ts';

// The same households the bench has always drawn (the generator moved to matching-instance.ts).
const { hosts, guests } = randomHouseholds(250);
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
