/** Keys and codes in natural order: "S2" before "S10", "YP2" before "YP10". */
export const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Bids by supplier name, then id: one stable order, whatever order they were loaded in. */
export const bySupplierName = (a: { supplierName: string; id: string }, b: { supplierName: string; id: string }): number =>
  a.supplierName < b.supplierName ? -1 : a.supplierName > b.supplierName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
