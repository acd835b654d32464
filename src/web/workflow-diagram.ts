import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

// elkjs is CommonJS: Node hands over module.exports (the class); the type declarations say `default`.
const ElkClass = ((ElkBundle as unknown as { default?: unknown }).default ?? ElkBundle) as new () => ElkApi;

export interface WorkflowShape {
  id: string;
  current: string;
  states: { id: string; final: boolean; label: string }[];
  transitions: { from: string; to: string; event: string; guard?: string }[];
}

interface Laid {
  width: number;
  height: number;
  nodes: { id: string; lines: string[]; final: boolean; x: number; y: number; width: number; height: number }[];
  edges: { id: string; points: { x: number; y: number }[] }[];
}

const elk = new ElkClass();
const layouts = new Map<string, Promise<Laid>>();
const FONT_PX = 15;
const LINE_PX = 19;
/** Labels wrap at about this many characters, so the diagram stays narrow enough to read on a phone. */
const WRAP_AT = 17;

/**
 * The round's workflow as an inline SVG, laid out on the server by ELK (layered), with the current state
 * highlighted and the states already passed ticked. No script: it reads the same with JavaScript off.
 * Cancelling (possible from every open state) is left out of the drawing and said in words instead.
 */
export async function workflowSvg(workflow: WorkflowShape, passed: ReadonlySet<string>): Promise<string> {
  const laid = await layoutFor(workflow);
  const current = workflow.states.find((s) => s.id === workflow.current);
  const nodes = laid.nodes.map((node) => {
    const isCurrent = node.id === workflow.current;
    const isDone = !isCurrent && passed.has(node.id);
    const cls = ['wf-node', isCurrent ? 'wf-node--current' : '', isDone ? 'wf-node--done' : '', node.final ? 'wf-node--final' : ''].filter(Boolean).join(' ');
    const lines = node.lines.map((line, i) => (i === 0 && isDone ? `✓ ${line}` : line));
    const cx = node.x + node.width / 2;
    const top = node.y + node.height / 2 - ((lines.length - 1) * LINE_PX) / 2;
    const tspans = lines.map((line, i) => `<tspan x="${cx}" y="${round(top + i * LINE_PX)}">${esc(line)}</tspan>`).join('');
    return `<g class="${cls}"${isCurrent ? ' aria-current="step"' : ''} data-state="${esc(node.id)}">` +
      `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="12"/>` +
      `<text dominant-baseline="central" text-anchor="middle">${tspans}</text></g>`;
  });
  const edges = laid.edges.map((edge) =>
    `<path class="wf-edge" d="${edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ')}" marker-end="url(#wf-arrow)"/>`);
  const description = `Current step: ${current?.label ?? workflow.current}. Steps: ${workflow.states.filter((s) => s.id !== 'cancelled').map((s) => s.label).join(', ')}.`;
  return `<svg class="wf-diagram" viewBox="0 0 ${laid.width} ${laid.height}" width="${laid.width}" role="img" aria-labelledby="wf-title wf-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="wf-title">How this round moves from step to step</title><desc id="wf-desc">${esc(description)}</desc>` +
    `<defs><marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="wf-arrowhead"/></marker></defs>` +
    edges.join('') + nodes.join('') + '</svg>';
}

function layoutFor(workflow: WorkflowShape): Promise<Laid> {
  const showCancelled = workflow.current === 'cancelled';
  const key = `${workflow.id}:${showCancelled}`;
  let laid = layouts.get(key);
  if (!laid) {
    laid = layout(workflow, showCancelled);
    layouts.set(key, laid);
  }
  return laid;
}

async function layout(workflow: WorkflowShape, showCancelled: boolean): Promise<Laid> {
  const states = workflow.states.filter((s) => s.id !== 'cancelled' || showCancelled);
  const ids = new Set(states.map((s) => s.id));
  const seen = new Set<string>();
  const edges: ElkExtendedEdge[] = [];
  for (const t of workflow.transitions) {
    if (t.event === 'CANCEL' || !ids.has(t.from) || !ids.has(t.to)) continue;
    const id = `${t.from}->${t.to}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, sources: [t.from], targets: [t.to] });
  }
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: states.map((s) => ({ id: s.id, ...nodeSize(wrapLabel(s.label)) })),
    edges,
  };
  const result = await elk.layout(graph);
  const byId = new Map(states.map((s) => [s.id, s]));
  return {
    width: Math.ceil(result.width ?? 0),
    height: Math.ceil(result.height ?? 0),
    nodes: (result.children ?? []).map((c) => ({
      id: c.id, lines: wrapLabel(byId.get(c.id)!.label), final: byId.get(c.id)!.final,
      x: round(c.x ?? 0), y: round(c.y ?? 0), width: c.width ?? 0, height: c.height ?? 0,
    })),
    edges: (result.edges ?? []).map((e) => {
      const section = e.sections?.[0];
      return { id: e.id, points: section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [] };
    }),
  };
}

function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= WRAP_AT) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function nodeSize(lines: string[]): { width: number; height: number } {
  const longest = Math.max(...lines.map((l) => l.length));
  return { width: Math.max(112, Math.ceil((longest + 2) * FONT_PX * 0.56) + 24), height: 24 + lines.length * LINE_PX };
}

const round = (n: number) => Math.round(n * 10) / 10;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
