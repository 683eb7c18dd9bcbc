/**
 * `npm run docs:model`: rewrites the model section of README.md from domain/model.ts.
 * `npm run docs:model -- --check`: exits 1 when README.md is out of step (the unit tests check this too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/config';
import { withModelSection } from '../domain/model-docs';

const file = path.join(projectRoot, 'README.md');
const current = fs.readFileSync(file, 'utf8');
const next = withModelSection(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md model section is out of date: run npm run docs:model');
    process.exit(1);
  }
  console.log('README.md model section is up to date');
} else if (next !== current) {
  fs.writeFileSync(file, next);
  console.log('README.md model section rewritten');
} else {
  console.log('README.md model section already up to date');
}
