import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../db/database';
import { openTestStorage } from '../../test/harness';
import { readTableShape } from './ledger.repository';
import { rowsOf } from './ledger-check';
import { canonicalRecordText, jsonbNumber, readArray, readComposite, stripNulls } from './record-text';

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

describe('reading row and array literals', () => {
  it('reads quoted, empty, null and escaped fields', () => {
    const text = '(1,,"","  a ""b"" \\\\c",x)tail';
    const { fields, end } = readComposite(text, 0, 5);
    expect(fields).toEqual(['1', null, '', '  a "b" \\c', 'x']);
    expect(end).toBe(text.indexOf('tail'));
  });

  it('reads arrays with nulls, quotes and commas', () => {
    expect(readArray('{}')).toEqual([]);
    expect(readArray('{a,NULL,"NULL","b, c","d \\"e\\" \\\\"}')).toEqual(['a', null, 'NULL', 'b, c', 'd "e" \\']);
  });

  it('refuses text that is not a row', () => {
    expect(() => readComposite('1,2)', 0, 2)).toThrow(/not a row/);
    expect(() => readComposite('("unterminated', 0, 1)).toThrow(/unterminated/);
    expect(() => readComposite('(1,2,3)', 0, 4)).toThrow(/unterminated row/);
  });
});

describe('numbers as numeric writes them', () => {
  it('writes exponents out in full, keeping the decimals numeric keeps', () => {
    expect(jsonbNumber('10.50')).toBe('10.50');
    expect(jsonbNumber('1e+20')).toBe('100000000000000000000');
    expect(jsonbNumber('1.5e-05')).toBe('0.000015');
    expect(jsonbNumber('-1.255e+2')).toBe('-125.5');
    expect(jsonbNumber('NaN')).toBe('"NaN"');
    expect(jsonbNumber('-Infinity')).toBe('"-Infinity"');
  });
});

describe('stripping nulls from jsonb text', () => {
  it('drops null members at every depth and keeps nulls in arrays', () => {
    expect(stripNulls('{"a": null, "b": {"c": null, "d": [null, 1.10, "null"]}}')).toBe(
      '{"b": {"d": [null, 1.10, "null"]}}',
    );
    expect(stripNulls('[]')).toBe('[]');
  });
});

/**
 * The text built here must be the database's `jsonb_strip_nulls(to_jsonb(row))::text`, character
 * for character, for every type a ledgered table uses and the awkward values each can hold.
 */
describe('the canonical text of a record', () => {
  it('is the same as the database writes, for every column type and awkward values', async () => {
    storage = await openTestStorage();
    const db = storage.db;
    await sql`CREATE TABLE record_text_probe (
      id uuid PRIMARY KEY, note text, amount numeric, count integer, small smallint, flag boolean,
      day date, at timestamptz, local timestamp, ratio double precision, tags text[], doc jsonb,
      a text, bb text, aa text)`.execute(db);
    const rows = [
      sql`('00000000-0000-4000-8000-000000000001', 'plain', 36.50, 7, 2, true, '2026-01-02', '2026-01-02 03:04:05.6+00',
          '2026-01-02 03:04:05', -66.9, '{a,b}', '{"z": 1, "a": null, "list": [null, {"k": null}]}', 'x', 'y', 'z')`,
      sql`('00000000-0000-4000-8000-000000000002', ${'comillas "dobles", \\barra, (paréntesis)\n línea\ttab \u0001 🌿 \u2028'},
          NULL, NULL, NULL, false, NULL, '2026-01-02 03:04:05+00', NULL, 1e20, '{"","NULL",NULL,"con, coma","co\\"mi"}',
          '[]', NULL, '', ' ')`,
      sql`('00000000-0000-4000-8000-000000000003', '', 0.000, -1, -32768, NULL, '0001-01-01', '2026-12-31 23:59:59.999999+00',
          NULL, 1.5e-05, '{}', '{"n": 1.10, "s": "\\u00e9\\n", "o": {}}', NULL, NULL, NULL)`,
      sql`('00000000-0000-4000-8000-000000000004', 'NULL', 'NaN', 2147483647, 0, true, 'infinity', '-infinity',
          NULL, 'Infinity', NULL, 'null', NULL, NULL, NULL)`,
    ];
    for (const row of rows) await sql`INSERT INTO record_text_probe VALUES ${row}`.execute(db);
    const shape = await readTableShape(db, 'record_text_probe', 'id');
    const { rows: stored } = await sql<{ plain: string; json: string }>`
      SELECT t::text AS plain, jsonb_strip_nulls(to_jsonb(t))::text AS json FROM record_text_probe t ORDER BY id`.execute(
      db,
    );
    expect(stored).toHaveLength(rows.length);
    for (const { plain, json } of stored) {
      const [fields] = [...rowsOf(plain, shape.columns.length)];
      expect(canonicalRecordText(shape, fields!)).toBe(json);
    }
  });
});
