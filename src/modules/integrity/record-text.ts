import { quote } from './ledger.rules';

/**
 * The text a ledgered record's hash is taken over — `jsonb_strip_nulls(to_jsonb(row))::text`, as
 * the database writes it when it appends — rebuilt here from the row's plain text form (`row::text`).
 *
 * Verification reads rows in their plain form because building JSON is most of what reading a
 * record costs the database (three times the plain form on the embedded one), and because a second,
 * independent writer of the canonical text means a bug or a forgery in one shows in the other.
 * Everything here follows PostgreSQL's output rules for the column types ledgered tables use:
 * jsonb's key order (shorter keys first, then byte order), its `", "` and `": "` separators, its
 * string escapes, numbers written as `numeric` writes them, ISO 8601 timestamps.
 */

/** How a column's value is written in JSON; from the type's category in the catalog. */
export type ColumnKind = 'string' | 'number' | 'boolean' | 'timestamptz' | 'timestamp' | 'jsonb';

export interface RecordColumn {
  name: string;
  kind: ColumnKind;
  /** An array of `kind` elements (one dimension). */
  array: boolean;
}

/** A table's columns in their stored order, and the order jsonb writes their keys in. */
export interface RecordShape {
  columns: RecordColumn[];
  /** Column indices in jsonb key order. */
  keyOrder: number[];
  /** The index of the column that identifies a row. */
  key: number;
}

/** jsonb orders object keys by length first, then byte by byte. */
function jsonbKeyCompare(a: string, b: string): number {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function recordShape(columns: RecordColumn[], keyColumn: string): RecordShape {
  const key = columns.findIndex((c) => c.name === keyColumn);
  if (key < 0) throw new Error(`the table has no column ${keyColumn}`);
  const keyOrder = columns.map((_, i) => i).sort((a, b) => jsonbKeyCompare(columns[a]!.name, columns[b]!.name));
  return { columns, keyOrder, key };
}

// ---------------------------------------------------------------------------------------------
// reading PostgreSQL's composite and array literals

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x28;
const CLOSE = 0x29;

/**
 * Reads one composite literal of `count` fields, `(a,"b c",,…)`, starting at `start`. A field
 * written as nothing is NULL; quoted fields double their quotes and escape backslashes; a field
 * left unquoted holds no comma, parenthesis, quote or space, so its end is the next comma (the
 * closing parenthesis for the last one). Returns the fields and the index just after the row;
 * throws on text that is not such a row.
 */
export function readComposite(text: string, start: number, count: number): { fields: (string | null)[]; end: number } {
  if (text.charCodeAt(start) !== OPEN) throw new Error(`not a row at ${start}`);
  const fields: (string | null)[] = new Array(count);
  let i = start + 1;
  for (let field = 0; field < count; field++) {
    const last = field === count - 1;
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CLOSE) {
      fields[field] = null;
    } else if (c === QUOTE) {
      let value = '';
      let from = ++i;
      for (;;) {
        const d = text.charCodeAt(i);
        if (Number.isNaN(d)) throw new Error('unterminated quoted field');
        if (d === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          value += text.slice(from, i);
          i++;
          break;
        }
        if (d === BACKSLASH) {
          value += text.slice(from, i);
          from = i + 1;
          i += 2;
          continue;
        }
        i++;
      }
      fields[field] = value;
    } else {
      const end = text.indexOf(last ? ')' : ',', i);
      if (end < 0) throw new Error('unterminated row');
      fields[field] = text.slice(i, end);
      i = end;
    }
    if (text.charCodeAt(i) !== (last ? CLOSE : COMMA)) throw new Error(`the row does not have ${count} fields`);
    i++;
  }
  return { fields, end: i };
}

/** Reads a one-dimensional array literal, `{a,"b c",NULL}`. */
export function readArray(text: string): (string | null)[] {
  if (text === '{}') return [];
  if (text[0] !== '{' || text[text.length - 1] !== '}') throw new Error(`not a one-dimensional array: ${text}`);
  const items: (string | null)[] = [];
  let i = 1;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      while (text[i] !== '"') {
        if (i >= text.length) throw new Error('unterminated array element');
        if (text[i] === '\\') i++;
        value += text[i];
        i++;
      }
      items.push(value);
      i++;
    } else {
      let end = i;
      while (text[end] !== ',' && text[end] !== '}') {
        if (text[end] === '{') throw new Error('a multi-dimensional array');
        end++;
      }
      const raw = text.slice(i, end);
      items.push(raw.toUpperCase() === 'NULL' ? null : raw);
      i = end;
    }
    if (text[i] === '}') return items;
    if (text[i] !== ',') throw new Error(`unexpected character in array at ${i}`);
    i++;
  }
}

// ---------------------------------------------------------------------------------------------
// writing values as jsonb does

/**
 * A number as `to_jsonb` writes it: through `numeric`, so `1e+20` becomes `100000000000000000000`
 * and `1.5e-05` becomes `0.000015`. Values numeric cannot hold (NaN, Infinity) become strings.
 */
export function jsonbNumber(text: string): string {
  if (/[nN]/.test(text)) return quote(text);
  const e = text.search(/[eE]/);
  if (e < 0) return text;
  const negative = text[0] === '-';
  const mantissa = text.slice(negative || text[0] === '+' ? 1 : 0, e);
  const [whole = '', fraction = ''] = mantissa.split('.');
  // the value is digits × 10^shift; numeric keeps as many decimals as that leaves, and no fewer
  const shift = Number(text.slice(e + 1)) - fraction.length;
  let digits = whole + fraction;
  let decimals = '';
  if (shift >= 0) digits += '0'.repeat(shift);
  else {
    digits = digits.padStart(1 - shift, '0');
    decimals = digits.slice(shift);
    digits = digits.slice(0, shift);
  }
  const integer = digits.replace(/^0+(?=\d)/, '');
  const written = decimals ? `${integer}.${decimals}` : integer;
  return negative && /[1-9]/.test(written) ? `-${written}` : written;
}

/** `2026-01-02 03:04:05.6+00` → `2026-01-02T03:04:05.6+00:00`, as jsonb writes a timestamptz. */
function isoTimestamp(text: string, withZone: boolean): string {
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(text)) return text; // infinity
  const iso = `${text.slice(0, 10)}T${text.slice(11)}`;
  return withZone && /[+-]\d\d$/.test(iso) ? `${iso}:00` : iso;
}

function scalar(kind: ColumnKind, text: string): string {
  switch (kind) {
    case 'string':
      return quote(text);
    case 'number':
      return jsonbNumber(text);
    case 'boolean':
      return text === 't' ? 'true' : 'false';
    case 'timestamptz':
      return quote(isoTimestamp(text, true));
    case 'timestamp':
      return quote(isoTimestamp(text, false));
    case 'jsonb':
      return stripNulls(text);
  }
}

function value(column: RecordColumn, text: string): string {
  if (!column.array) return scalar(column.kind, text);
  const items = readArray(text).map((item) => (item === null ? 'null' : scalar(column.kind, item)));
  return `[${items.join(', ')}]`;
}

/**
 * The canonical text of a row from its fields in stored column order: jsonb's key order, null
 * fields left out, as `jsonb_strip_nulls(to_jsonb(row))::text`.
 */
export function canonicalRecordText(shape: RecordShape, fields: readonly (string | null)[]): string {
  if (fields.length !== shape.columns.length) throw new Error('the row has a different number of columns');
  let text = '{';
  for (const i of shape.keyOrder) {
    const field = fields[i];
    if (field === null || field === undefined) continue;
    const column = shape.columns[i]!;
    const written = value(column, field);
    if (written === 'null') continue; // a jsonb column holding JSON null is stripped like SQL NULL
    text += `${text.length > 1 ? ', ' : ''}"${column.name}": ${written}`;
  }
  return `${text}}`;
}

// ---------------------------------------------------------------------------------------------
// a jsonb value's text with its object members that are null removed, at every depth

/**
 * jsonb's own text is already canonical (keys in order, separators, escapes); stripping removes
 * object members whose value is null and leaves nulls inside arrays, as `jsonb_strip_nulls` does.
 */
export function stripNulls(text: string): string {
  if (!text.includes('null')) return text;
  let i = 0;
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const stringEnd = (from: number) => {
    let j = from + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const parse = (): string => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      const members: string[] = [];
      space();
      if (text[i] === '}') {
        i++;
        return '{}';
      }
      for (;;) {
        space();
        const keyEnd = stringEnd(i);
        const key = text.slice(i, keyEnd);
        i = keyEnd;
        space();
        i++; // :
        const member = parse();
        if (member !== 'null') members.push(`${key}: ${member}`);
        space();
        if (text[i++] === '}') return `{${members.join(', ')}}`;
      }
    }
    if (c === '[') {
      i++;
      const items: string[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return '[]';
      }
      for (;;) {
        items.push(parse());
        space();
        if (text[i++] === ']') return `[${items.join(', ')}]`;
      }
    }
    const start = i;
    if (c === '"') i = stringEnd(i);
    else while (i < text.length && !',]} '.includes(text[i]!)) i++;
    return text.slice(start, i);
  };
  return parse();
}
