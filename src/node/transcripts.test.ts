// Golden transcripts: each `transcripts/<name>.script` is typed into a fresh cluster's master01
// session as `kubeplay --script` does, and what the terminal showed must equal `<name>.txt`
// (a reviewed transcript; simulated time keeps dates and AGE stable). A new script, or a deliberate
// change: write them with UPDATE_TRANSCRIPTS=1, review the diff, commit.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSchemaDocs, provideSchemaDocs } from '../engine/api/schema';
import { Cluster } from '../engine/cluster/cluster';
import { playScript, plainTranscript } from './play-script';

const DIR = join(import.meta.dirname, 'transcripts');
const scripts = readdirSync(DIR).filter((f) => f.endsWith('.script')).sort();

describe('golden transcripts', () => {
  test.each(scripts)('%s', async (file) => {
    const cluster = Cluster.create({ seed: 1, workers: 2 });
    provideSchemaDocs(cluster.kernel).supply(await loadSchemaDocs());
    const run = await playScript(cluster, readFileSync(join(DIR, file), 'utf8'));
    const transcript = plainTranscript(run.output);
    const expectedPath = join(DIR, file.replace(/\.script$/, '.txt'));
    if (process.env['UPDATE_TRANSCRIPTS']) writeFileSync(expectedPath, transcript);
    expect(existsSync(expectedPath), `${expectedPath}: review a first run (UPDATE_TRANSCRIPTS=1) and commit it`).toBe(true);
    expect(transcript).toBe(readFileSync(expectedPath, 'utf8'));
    expect(run.status).toBe(0);
  });
});
