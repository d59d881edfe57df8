// Runs one fuzz target in its own process (so that the runner can kill a hang): `worker.ts <target> <seed> <ms>`.
// Prints one JSON line: the target's name, its counts, the time taken and its failure (then exits 1), if any.
import { performance } from 'node:perf_hooks';
import type { FuzzTarget } from './oracle.js';

const [name, seedText, budgetText] = process.argv.slice(2);
const { target } = (await import(`./targets/${name}.ts`)) as { target: FuzzTarget };
const start = performance.now();
const counts = { cases: 0 };
let failure: string | undefined;
try {
  await target.run({ seed: Number(seedText), deadline: start + Number(budgetText), counts });
} catch (error) {
  failure = (error as Error).message ?? String(error);
  process.exitCode = 1;
}
process.stdout.write(`${JSON.stringify({ name: target.name, counts, ms: performance.now() - start, failure })}\n`);
