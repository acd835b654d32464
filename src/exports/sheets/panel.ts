import { GROUP_LABELS } from '../../domain/panel-group.js';
import { instant, lotCells, lotColumns, type WorkbookContext } from '../workbook-context.js';
import type { ColumnSpec, WorkbookFile } from '../workbook-file.js';
import { SHEET } from './sheet-names.js';

const PANEL_COLUMNS = {
  panelCode: { header: 'Panel code', width: 10 },
  group: { header: 'Group', width: 14 },
  seesPrice: { header: 'Sees prices', width: 10 },
  added: { header: 'Added (UTC)', width: 25 },
  declared: { header: 'Conflicts declared (UTC)', width: 25 },
  interests: { header: 'Interests declared', width: 10, kind: 'number' },
  submitted: { header: 'Scores submitted (UTC)', width: 25 },
  withdrawn: { header: 'Withdrawn (UTC)', width: 25 },
  withdrawalReason: { header: 'Why withdrawn (their marks no longer count)', width: 40, kind: 'wrap' },
} satisfies Record<string, ColumnSpec>;

const CONFLICT_COLUMNS = {
  panelCode: { header: 'Panel code', width: 10 },
  group: { header: 'Group', width: 14 },
  bid: { header: 'Bid', width: 7 },
  supplier: { header: 'Supplier', width: 30 },
  interest: { header: 'Interest declared (recused from this bid)', width: 60, kind: 'wrap' },
  declared: { header: 'Declared (UTC)', width: 25 },
} satisfies Record<string, ColumnSpec>;

const PSEUDONYMS = 'Panellists appear by panel code only: the file holds no panellist\'s name or email.';

/** The panel by code, with declarations, submissions and withdrawals; then every declared interest (recusal). */
export async function writePanel(book: WorkbookFile, ctx: WorkbookContext): Promise<void> {
  const { members, conflicts, bids } = ctx;
  const panel = book.sheet({
    name: SHEET.panel,
    columns: Object.values(PANEL_COLUMNS),
    preamble: [{ cells: ['Panel'], kind: 'title' }, { cells: [PSEUDONYMS], kind: 'note' }],
  });
  for (const m of members) {
    panel.add([
      m.panelCode, GROUP_LABELS[m.group], m.seesPrice ? 'yes' : 'no', instant(m.addedAt), instant(m.conflictsDeclaredAt),
      conflicts.filter((c) => c.panelMemberId === m.id).length, instant(m.scoresSubmittedAt), instant(m.withdrawnAt), m.withdrawalReason,
    ]);
  }
  await panel.finish();

  const sheet = book.sheet({
    name: SHEET.conflicts,
    columns: [...Object.values(CONFLICT_COLUMNS), ...lotColumns(ctx)],
    preamble: [{ cells: ['Conflicts of interest: a member who declares an interest in a bid does not score it'], kind: 'title' }, { cells: [PSEUDONYMS], kind: 'note' }],
  });
  const member = new Map(members.map((m) => [m.id, m]));
  const bid = new Map(bids.map((b) => [b.bid.id, b]));
  for (const c of conflicts) {
    const m = member.get(c.panelMemberId)!;
    const b = bid.get(c.bidId);
    sheet.add([m.panelCode, GROUP_LABELS[m.group], b?.ref, b?.bid.supplierName, c.interest, instant(c.declaredAt), ...lotCells(ctx, b?.bid.lotKey)]);
  }
  await sheet.finish();
}
