import fs from 'node:fs';
import path from 'node:path';
import { folderEdges, mermaidGraph, SRC, twoWayPairs, withGraph } from './module-graph.js';

const README = path.resolve(SRC, '../README.md');

describe('the folders of src/', () => {
  const edges = folderEdges();

  it('never import each other: dependencies point one way', () => {
    expect(twoWayPairs(edges)).toEqual([]);
  });

  it('are drawn in the README as they are (npm run graph redraws it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const current = withGraph(readme, mermaidGraph(edges));
    if (process.env.UPDATE_GRAPH === '1' && current !== readme) fs.writeFileSync(README, current);
    else expect(readme).toBe(current);
  });

  it('the check finds a pair that imports each other', () => {
    const made = new Map([
      ['rounds -> scoring', ['rounds/a.ts imports ../scoring/b.js']],
      ['scoring -> rounds', ['scoring/b.ts imports ../rounds/a.js']],
      ['scoring -> round-core', ['scoring/b.ts imports ../round-core/c.js']],
    ]);
    expect(twoWayPairs(made)).toEqual(['rounds <-> scoring:\n  rounds/a.ts imports ../scoring/b.js\n  scoring/b.ts imports ../rounds/a.js']);
  });
});
