import fs from 'node:fs';
import path from 'node:path';
import { renderModel, withModelSection } from '../../domain/model-docs';
import { nodes, relationships } from '../../domain/model';

describe('the model section of README.md', () => {
  it('is what domain/model.ts says (run npm run docs:model after changing the model)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(withModelSection(readme)).toBe(readme);
  });

  it('names every node kind and relationship kind', () => {
    const text = renderModel();
    for (const kind of Object.keys(nodes)) expect(text).toContain(`| \`${kind}\``);
    for (const type of Object.keys(relationships)) expect(text).toContain(`| \`${type}\``);
  });
});
