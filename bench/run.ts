/**
 * `npm run bench`: runs every case, prints a table with budgets, writes bench/results.json.
 * Benchmarks are measurements, not tests: a figure over budget is reported, not failed.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchCase, Figure } from './harness';
import { eventsPerSecond } from './engine.events';
import { converge1000x100 } from './engine.converge';
import { heap10kPods, podsTable10k } from './engine.scale10k';
import { fastForward1h50Pods } from './engine.fastforward';
import { getPodsRoundtrip } from './cli.roundtrip';
import { firstScreenJs } from './ui.first-screen';
import { commandRoundtrip, lcp, monacoReady } from './ui.browser-figures';
import { diagramFps } from './ui.diagram-fps';

const cases: BenchCase[] = [converge1000x100, eventsPerSecond, podsTable10k, heap10kPods, fastForward1h50Pods, getPodsRoundtrip, firstScreenJs, lcp, commandRoundtrip, monacoReady, diagramFps];

const only = process.argv.slice(2);
const figures: Figure[] = [];
const rows: string[][] = [['name', 'value', 'unit', 'budget', '']];
for (const c of cases) {
  if (only.length > 0 && !only.some((o) => c.name.includes(o))) continue;
  const value = await c.measure();
  figures.push({ name: c.name, value, unit: c.unit });
  const within = (c.budget.max === undefined || value <= c.budget.max) && (c.budget.min === undefined || value >= c.budget.min);
  const budget = c.budget.max !== undefined ? `≤ ${c.budget.max}` : `≥ ${c.budget.min}`;
  rows.push([c.name, String(value), c.unit, budget, within ? 'ok' : 'OVER BUDGET']);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('   ').trimEnd());

if (only.length === 0) {
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}
