/**
 * Duplicate member names in a JSON text. `JSON.parse` keeps the last of two equal names silently,
 * while IAM refuses such a policy document and other parsers may keep the first: an attacker can
 * use a duplicate `Statement` or `Effect` to show one parser a different policy than the one AWS
 * enforces. This scanner finds the first duplicate in one pass over the text (each character is
 * looked at a bounded number of times; names are decoded with JSON.parse on their own slice).
 */

/** The first duplicated member name and the path of the object holding it, or undefined. */
export interface DuplicateKey {
  key: string;
  /** Member names leading to the object, e.g. `Statement[1].Condition`. */
  path: string;
}

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  /** Where this container sits, for the report. */
  path: string;
  /** Object: the next string is a member name. */
  expectKey: boolean;
  /** Object: the current member's name. Array: the current index. */
  current: string | number;
}

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  if (frame.kind === 'array') return `${frame.path}[${frame.current}]`;
  return frame.path === '' ? String(frame.current) : `${frame.path}.${String(frame.current)}`;
}

/**
 * Finds the first member name that occurs twice in one object of a JSON text. The text must be
 * valid JSON (parse it first); on invalid text the answer is unspecified but the scan still ends
 * after one pass.
 *
 * @example
 * findDuplicateKey('{"Statement":[{"Effect":"Deny","Effect":"Allow"}]}')
 * // { key: 'Effect', path: 'Statement[0]' }
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, path: top.path };
        top.keys.add(key);
        top.current = key;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({
        kind: c === '{' ? 'object' : 'array',
        keys: new Set(),
        path: childPath(top),
        expectKey: c === '{',
        current: 0,
      });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.kind === 'object') top.expectKey = true;
      else top.current = (top.current as number) + 1;
    }
    i++;
  }
  return undefined;
}
