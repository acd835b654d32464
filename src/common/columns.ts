import { Column, ColumnOptions } from 'typeorm';

/**
 * Instants are stored as ISO-8601 UTC strings (24 characters) on both databases: they sort and compare
 * correctly as text, round-trip to the millisecond, and hash identically for the audit chain.
 */
export function InstantColumn(options: Pick<ColumnOptions, 'nullable' | 'name'> = {}): PropertyDecorator {
  return Column({
    type: 'varchar',
    length: 24,
    ...options,
    transformer: {
      to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value ?? null),
      from: (value: string | null) => (value == null ? null : new Date(value)),
    },
  });
}

/** JSON kept as text so the same column works on SQLite and PostgreSQL. */
export function JsonColumn(options: Pick<ColumnOptions, 'nullable' | 'name'> = {}): PropertyDecorator {
  return Column({
    type: 'text',
    ...options,
    transformer: {
      to: (value: unknown) => (value === undefined ? null : JSON.stringify(value)),
      from: (value: string | null) => (value == null ? null : JSON.parse(value)),
    },
  });
}
