/**
 * JSON read with the line each value starts on, so that the framework loader can say "line 14: …" of a file a person
 * wrote by hand. JSON.parse tells neither where a value was nor, on every Node version, where a syntax error is.
 */
export type LinedJson = { ok: true; value: unknown; lineOf: (path: string) => number } | { ok: false; line: number; problem: string };

export function parseWithLines(text: string): LinedJson {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;

  class Stop extends Error {}
  const fail = (problem: string): never => {
    throw Object.assign(new Stop(problem), { line });
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) {
      if (text[at] === '\n') line += 1;
      at += 1;
    }
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[at] !== char) fail(`expected "${char}" but found ${describe()}`);
    at += 1;
  };
  const describe = () => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);

  function readString(): string {
    const start = at;
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\n') fail('a string must end on the line it starts on');
      at += text[at] === '\\' ? 2 : 1;
    }
    if (at >= text.length) fail('a string is not closed with "');
    at += 1;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail('a string has an escape that JSON does not allow');
    }
  }

  function readValue(path: string): unknown {
    skipSpace();
    lines.set(path, line);
    const char = text[at];
    if (char === '{') return readObject(path);
    if (char === '[') return readArray(path);
    if (char === '"') return readString();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at, at + 64));
    if (!literal) return fail(`expected a value but found ${describe()}`);
    at += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  }

  function readObject(path: string): Record<string, unknown> {
    at += 1;
    const object: Record<string, unknown> = {};
    skipSpace();
    if (text[at] === '}') {
      at += 1;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(`expected a name in quotes but found ${describe()}`);
      const key = readString();
      if (Object.hasOwn(object, key)) fail(`"${key}" is given twice`);
      expect(':');
      object[key] = readValue(`${path}.${key}`);
      skipSpace();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === '}') {
        at += 1;
        return object;
      }
      fail(`expected "," or "}" but found ${describe()}`);
    }
  }

  function readArray(path: string): unknown[] {
    at += 1;
    const array: unknown[] = [];
    skipSpace();
    if (text[at] === ']') {
      at += 1;
      return array;
    }
    for (;;) {
      array.push(readValue(`${path}[${array.length}]`));
      skipSpace();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === ']') {
        at += 1;
        return array;
      }
      fail(`expected "," or "]" but found ${describe()}`);
    }
  }

  try {
    const value = readValue('$');
    skipSpace();
    if (at < text.length) fail(`expected the end of the file but found ${describe()}`);
    return { ok: true, value, lineOf: (path) => lines.get(path) ?? closestLine(lines, path) };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, line: (error as Stop & { line: number }).line, problem: error.message };
    throw error;
  }
}

/** A missing member has no line of its own: it is reported on the line of the object that should hold it. */
function closestLine(lines: ReadonlyMap<string, number>, path: string): number {
  for (let p = path; p.length > 0; p = p.replace(/(\.[^.[]*|\[\d+\])$/, '')) {
    const found = lines.get(p);
    if (found !== undefined) return found;
    if (!/(\.[^.[]*|\[\d+\])$/.test(p)) break;
  }
  return 1;
}
