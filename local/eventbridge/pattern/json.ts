import { reject } from './errors';

/**
 * A JSON value as written in the pattern text. Objects keep their members as an ordered list, so a key that
 * appears twice stays twice: EventBridge compiles a pattern member by member and gives a repeated key its
 * own meaning (the later one wins, see compile.ts), which `JSON.parse` would silently decide for us.
 * Numbers keep their source text because AWS's limits on numbers (decimal places) are about the digits written.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly members: readonly JsonMember[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

export interface JsonMember {
  readonly key: string;
  readonly value: JsonNode;
}

/** Deep enough for any real pattern, shallow enough that hostile input cannot overflow the stack. */
const MAX_DEPTH = 256;

/** Parses strict JSON (RFC 8259) into a JsonNode tree; syntax errors are invalid patterns. */
export function parseJson(text: string): JsonNode {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.atEnd()) reject('Filter is not an object');
  const value = parser.value(0);
  parser.skipWhitespace();
  if (!parser.atEnd()) parser.fail('Unexpected content after the end of the pattern');
  return value;
}

/** How event-ruler names a value in its messages: the token's text, `{` / `[` for containers. */
export function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return ']';
  switch (node.kind) {
    case 'object':
      return '{';
    case 'array':
      return '[';
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      // space, tab, line feed, carriage return: the only whitespace JSON allows
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    reject(`${message} at line ${line}, column ${column}`);
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('Nesting too deep');
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (this.text.startsWith('true', this.pos)) return this.keyword(4, { kind: 'boolean', value: true });
    if (this.text.startsWith('false', this.pos)) return this.keyword(5, { kind: 'boolean', value: false });
    if (this.text.startsWith('null', this.pos)) return this.keyword(4, { kind: 'null' });
    if (c === undefined) this.fail('Unexpected end of input');
    const token = /^[^\s,:[\]{}"]*/.exec(this.text.slice(this.pos))?.[0] || c;
    this.fail(
      `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
    );
  }

  private keyword(length: number, node: JsonNode): JsonNode {
    this.pos += length;
    return node;
  }

  private object(depth: number): JsonNode {
    this.pos++; // {
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', members };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"')
        this.fail('Unexpected character: was expecting double-quote to start field name');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':')
        this.fail('Unexpected character: was expecting a colon to separate field name and value');
      this.pos++;
      members.push({ key, value: this.value(depth + 1) });
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === '}') return { kind: 'object', members };
      if (next !== ',') this.fail('Unexpected character: was expecting comma to separate Object entries');
    }
  }

  private array(depth: number): JsonNode {
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === ']') return { kind: 'array', items };
      if (next !== ',') this.fail('Unexpected character: was expecting comma to separate Array entries');
    }
  }

  private number(): JsonNode {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('Invalid numeric value');
    const text = match[0];
    this.pos += text.length;
    const follower = this.text[this.pos];
    if (follower !== undefined && /[0-9.eE+-]/.test(follower)) this.fail('Invalid numeric value');
    return { kind: 'number', value: Number(text), text };
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    let chunkStart = this.pos;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('Unexpected end of input in a String value');
      if (c === 0x22) break; // closing quote
      if (c < 0x20) this.fail('Illegal unquoted control character in a String value');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(chunkStart, this.pos);
      out += this.escape();
      chunkStart = this.pos;
    }
    out += this.text.slice(chunkStart, this.pos);
    this.pos++; // closing quote
    return out;
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape in a String value');
        this.pos += 4;
        // surrogate pairs arrive as two escapes; concatenating the code units rebuilds the character
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        this.pos -= 2;
        this.fail(`Unrecognized character escape '${c ?? ''}'`);
    }
  }
}
