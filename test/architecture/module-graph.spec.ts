import fs from 'node:fs';
import path from 'node:path';
import { cycles, folderEdges, mermaidGraph, SRC, twoWayPairs, withGraph } from './module-graph.js';

const README = path.resolve(SRC, '../README.md');

describe('the folders of src/', () => {
  const edges = folderEdges();

  it('never import each other: dependencies point one way', () => {
    expect(twoWayPairs(edges)).toEqual([]);
  });

  it('form no longer cycle either (a -> b -> c -> a)', () => {
    expect(cycles(edges)).toEqual([]);
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
    expect(cycles(made)).toEqual([['rounds', 'scoring']]);
    const loop = new Map([['a -> b', ['x']], ['b -> c', ['x']], ['c -> a', ['x']], ['c -> d', ['x']]]);
    expect(twoWayPairs(loop)).toEqual([]);
    expect(cycles(loop)).toEqual([['a', 'b', 'c']]);
  });
});
