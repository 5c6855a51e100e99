/**
 * A JSON parser for vendor bodies that keeps what `JSON.parse` loses: Shopify ids such as 706405506930370084 are
 * JSON numbers above 2^53, and `JSON.parse` silently rounds them to a different id. Here an integer literal outside
 * the safe range comes back as a string of its exact digits; everything else parses exactly as `JSON.parse` would
 * (same values, same key order, `__proto__` kept as a plain property), and bad input is an answer, never a throw.
 */

/** Either the parsed value or why the text is not JSON. */
export type VendorJsonResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** Deeper nesting is refused rather than risking the call stack; no vendor payload comes near it. */
export const MAX_JSON_NESTING = 256;

/** Parses a webhook body, keeping integers beyond Number.MAX_SAFE_INTEGER exact as digit strings. Never throws. */
export function parseVendorJson(text: string): VendorJsonResult {
  if (typeof text !== 'string') return { ok: false, error: `expected a string, received ${typeof text}` };
  try {
    return { ok: true, value: new JsonReader(text).document() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonReader {
  private position = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    this.skipWhitespace();
    const value = this.value(0);
    this.skipWhitespace();
    if (this.position < this.text.length) this.fail('unexpected content after the JSON value');
    return value;
  }

  private value(depth: number): unknown {
    const char = this.text[this.position];
    if (char === '{') return this.object(depth + 1);
    if (char === '[') return this.array(depth + 1);
    if (char === '"') return this.string();
    if (char === 't') return this.literal('true', true);
    if (char === 'f') return this.literal('false', false);
    if (char === 'n') return this.literal('null', null);
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    return this.fail(char === undefined ? 'unexpected end of input' : 'expected a JSON value');
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_NESTING) this.fail(`nesting deeper than ${MAX_JSON_NESTING} levels`);
    this.position += 1;
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('expected a property name in double quotes');
      const key = this.string();
      this.skipWhitespace();
      this.expect(':');
      this.skipWhitespace();
      const value = this.value(depth);
      if (key === '__proto__') {
        // An assignment would replace the object's prototype; JSON.parse defines an own property instead.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        result[key] = value;
      }
      this.skipWhitespace();
      if (this.text[this.position] === '}') {
        this.position += 1;
        return result;
      }
      this.expect(',');
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_JSON_NESTING) this.fail(`nesting deeper than ${MAX_JSON_NESTING} levels`);
    this.position += 1;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      result.push(this.value(depth));
      this.skipWhitespace();
      if (this.text[this.position] === ']') {
        this.position += 1;
        return result;
      }
      this.expect(',');
    }
  }

  private string(): string {
    this.position += 1;
    let result = '';
    let runStart = this.position;
    for (;;) {
      const code = this.text.charCodeAt(this.position);
      if (code === QUOTE) {
        result += this.text.slice(runStart, this.position);
        this.position += 1;
        return result;
      }
      if (code === BACKSLASH) {
        result += this.text.slice(runStart, this.position) + this.escape();
        runStart = this.position;
      } else if (code < 0x20 || Number.isNaN(code)) {
        this.fail(Number.isNaN(code) ? 'unterminated string' : 'control character in string');
      } else {
        this.position += 1;
      }
    }
  }

  private escape(): string {
    const code = this.text[this.position + 1];
    if (code === 'u') {
      const hex = this.text.slice(this.position + 2, this.position + 6);
      if (!HEX4.test(hex)) this.fail('bad \\u escape in string');
      this.position += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const replacement = code === undefined ? undefined : SIMPLE_ESCAPES[code];
    if (replacement === undefined) this.fail('bad escape in string');
    this.position += 2;
    return replacement;
  }

  private number(): number | string {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail('malformed number');
    this.position = NUMBER.lastIndex;
    const literal = match[0];
    const value = Number(literal);
    const isIntegerLiteral = match[1] === undefined && match[2] === undefined;
    return isIntegerLiteral && !Number.isSafeInteger(value) ? literal : value;
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) this.fail('expected a JSON value');
    this.position += word.length;
    return value;
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) this.fail(`expected ${JSON.stringify(char)}`);
    this.position += 1;
  }

  private skipWhitespace(): void {
    for (;;) {
      const char = this.text[this.position];
      if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return;
      this.position += 1;
    }
  }

  private fail(problem: string): never {
    const found = this.text[this.position];
    const near = found === undefined ? '' : ` (found ${JSON.stringify(found)})`;
    throw new JsonSyntaxError(`invalid JSON: ${problem} at position ${this.position}${near}`);
  }
}
