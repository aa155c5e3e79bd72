// Property tests are seeded: a run explores the same cases on every machine, so main stays green
// and a failure reproduces. A test can still pass its own `seed` (or FC_SEED can vary them all).
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261126) });
