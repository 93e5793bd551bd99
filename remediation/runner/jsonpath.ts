/** The subset of JSONPath SSM selectors use: `$`, `.name`, `['name']`, `[n]`, `[*]`, `.*`. */
type Token = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

function tokenize(selector: string): Token[] {
  if (!selector.startsWith('$')) throw new SelectorError(`Selector '${selector}' must start with '$'`);
  const tokens: Token[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\.\*|\[\*\]|\[(-?\d+)\]|\[['"]([^'"]+)['"]\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < selector.length) {
    // A failed sticky match resets lastIndex to 0: keep where this token starts for the message.
    const at = re.lastIndex;
    const m = re.exec(selector);
    if (!m) throw new SelectorError(`Selector '${selector}' is not supported at '${selector.slice(at)}'`);
    if (m[1] !== undefined) tokens.push({ kind: 'name', name: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'index', index: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ kind: 'name', name: m[3] });
    else tokens.push({ kind: 'wildcard' });
  }
  return tokens;
}

/**
 * Evaluates a selector. Returns `{ found: false }` when nothing matches; with a wildcard the value
 * is the list of matches.
 */
export function select(data: unknown, selector: string): { found: boolean; value?: unknown } {
  const tokens = tokenize(selector);
  let nodes: unknown[] = [data];
  let multi = false;
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const n of nodes) {
      if (t.kind === 'name') {
        if (n && typeof n === 'object' && !Array.isArray(n) && t.name in n) {
          next.push((n as Record<string, unknown>)[t.name]);
        }
      } else if (t.kind === 'index') {
        if (Array.isArray(n)) {
          const i = t.index < 0 ? n.length + t.index : t.index;
          if (i >= 0 && i < n.length) next.push(n[i]);
        }
      } else {
        multi = true;
        if (Array.isArray(n)) next.push(...n);
        else if (n && typeof n === 'object') next.push(...Object.values(n));
      }
    }
    nodes = next;
  }
  if (multi) return { found: true, value: nodes };
  return nodes.length > 0 ? { found: true, value: nodes[0] } : { found: false };
}
