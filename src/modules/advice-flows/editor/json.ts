/**
 * Reading the JSON an editor typed. Node 20's JSON.parse says what went wrong but not where ("Unexpected token '}'"),
 * and in a flow of several hundred lines "where" is the whole point, so a failed parse is scanned again here to find
 * the line and column of the first mistake.
 */

export type JsonRead = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

class Mistake extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Finds the first syntax mistake in text that JSON.parse refused. Recursive, so only ever given a bounded text. */
function firstMistake(text: string): Mistake | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i += 1;
  };
  const describe = () => (i >= text.length ? 'the text ends too soon' : `found ${JSON.stringify(text[i])}`);

  function string() {
    const start = i;
    i += 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Mistake(i, '\\u must be followed by four hex digits');
          i += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
        else throw new Mistake(i, 'a backslash in text must start an escape such as \\" or \\n');
      } else if (c < ' ') {
        throw new Mistake(i, 'a line break or tab inside text must be written as \\n or \\t');
      } else i += 1;
    }
    throw new Mistake(start, 'this text has no closing double quote');
  }

  function value(): void {
    skip();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    if (c === "'") throw new Mistake(i, 'text must be in double quotes, not single quotes');
    throw new Mistake(i, `expected a value (text in double quotes, a number, true, false, null, { or [), but ${describe()}`);
  }

  function object() {
    i += 1;
    skip();
    if (text[i] === '}') {
      i += 1;
      return;
    }
    for (;;) {
      skip();
      if (text[i] === '}') throw new Mistake(i, 'there is a comma before }: remove the last comma');
      if (text[i] !== '"') throw new Mistake(i, `expected a name in double quotes, but ${describe()}`);
      string();
      skip();
      if (text[i] !== ':') throw new Mistake(i, `expected a colon after the name, but ${describe()}`);
      i += 1;
      value();
      skip();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '}') {
        i += 1;
        return;
      }
      throw new Mistake(i, `expected a comma or }, but ${describe()}. Is a comma missing at the end of the line before?`);
    }
  }

  function array() {
    i += 1;
    skip();
    if (text[i] === ']') {
      i += 1;
      return;
    }
    for (;;) {
      skip();
      if (text[i] === ']') throw new Mistake(i, 'there is a comma before ]: remove the last comma');
      value();
      skip();
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === ']') {
        i += 1;
        return;
      }
      throw new Mistake(i, `expected a comma or ], but ${describe()}. Is a comma missing at the end of the line before?`);
    }
  }

  try {
    value();
    skip();
    if (i < text.length) throw new Mistake(i, 'there is more after the end of the flow: remove it, or check the braces match');
    return null;
  } catch (error) {
    if (error instanceof Mistake) return error;
    // Nested deeper than the stack allows: JSON.parse's own message will have to do.
    return null;
  }
}

function lineAndColumn(text: string, position: number) {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { line, column };
}

export function readJson(text: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (text.trim() === '') return { ok: false, line: 1, column: 1, message: 'there is nothing to read' };
    const mistake = firstMistake(text);
    if (mistake) return { ok: false, ...lineAndColumn(text, mistake.position), message: mistake.message };
    return { ok: false, line: 1, column: 1, message: error instanceof Error ? error.message : 'The JSON is not valid' };
  }
}
