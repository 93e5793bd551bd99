/**
 * Wildcard matching for IAM/S3 policy patterns without regular expressions. Policy patterns are
 * attacker data (anyone who can write a policy chooses them), so matching must not backtrack:
 * a pattern of `arn:aws:glue:` and twenty `*` compiled to a regular expression takes longer than
 * a Config rule may run. Here `*` matches any run of characters (also none) and `?` exactly one
 * UTF-16 code unit; every other character matches itself (IAM JSON policy reference, "Action" and
 * "Resource": action names are compared case-insensitively, resource ARNs case-sensitively).
 *
 * Cost: runs of `*` are collapsed first, then a greedy two-pointer scan that, on a mismatch,
 * resumes after the LAST star only. That never revisits an earlier star, so the work is at most
 * (pattern length + 1) x (text length + 1) steps: polynomial in the input, whatever the pattern.
 * `globSteps` counts the steps so tests can bound the work by input size instead of wall time.
 */

/** Steps taken by the matchers of this module since the last reset (for tests and benches). */
export const globSteps = { count: 0 };

function fold(s: string, caseInsensitive: boolean): string {
  return caseInsensitive ? s.toLowerCase() : s;
}

/** The pattern with every run of `*` reduced to one (`a***b` -> `a*b`): same language, less work. */
export function collapseStars(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && out.endsWith('*')) continue;
    out += c;
  }
  return out;
}

/**
 * True when the whole of `text` matches the glob `pattern` (`*` any run, `?` one character).
 *
 * @example
 * globMatch('glue:Get*', 'GLUE:GetJob', { caseInsensitive: true }) // true
 * globMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::B/x') // false: resources are case-sensitive
 */
export function globMatch(
  pattern: string,
  text: string,
  options: { caseInsensitive?: boolean } = {},
): boolean {
  const ci = options.caseInsensitive === true;
  const p = collapseStars(fold(pattern, ci));
  const t = fold(text, ci);
  let i = 0; // position in t
  let j = 0; // position in p
  let star = -1; // position of the last `*` seen in p
  let resume = 0; // where in t that star's match currently ends
  while (i < t.length) {
    globSteps.count++;
    const c = p[j];
    if (c !== undefined && c !== '*' && (c === '?' || c === t[i])) {
      i++;
      j++;
    } else if (c === '*') {
      star = j;
      resume = i;
      j++;
    } else if (star >= 0) {
      // Let the last star absorb one more character and retry what follows it.
      j = star + 1;
      resume++;
      i = resume;
    } else {
      return false;
    }
  }
  while (p[j] === '*') j++;
  return j === p.length;
}

/**
 * True when the glob `pattern` matches at least one string made of `prefix` followed by one or
 * more characters that `tailChar` accepts (a test of ONE character). The walk visits each
 * (pattern position, prefix position) state once: at most (pattern length + 1) x (prefix length + 2)
 * states, so `s?:*`, `s3*` or a wildcard in the middle of an object key are seen to reach under the
 * prefix without trying sample strings.
 */
export function globReachesUnder(
  pattern: string,
  prefix: string,
  tailChar: (c: string) => boolean,
  caseInsensitive: boolean,
): boolean {
  const glob = collapseStars(fold(pattern.trim(), caseInsensitive));
  const pre = fold(prefix, caseInsensitive);
  const inTail = pre.length + 1;
  const width = inTail + 1;
  const next = (q: number) => Math.min(q + 1, inTail);
  const accepts = (q: number, c: string) => (q < pre.length ? c === pre[q] : tailChar(c));
  const seen = new Uint8Array((glob.length + 1) * width);
  const todo: number[] = [0];
  while (todo.length > 0) {
    globSteps.count++;
    const state = todo.pop() as number;
    if (seen[state] === 1) continue;
    seen[state] = 1;
    const i = Math.floor(state / width);
    const q = state % width;
    if (i === glob.length) {
      if (q === inTail) return true;
      continue;
    }
    const c = glob[i] as string;
    // Every state accepts some character, so `?` and `*` can always consume one.
    if (c === '*') todo.push((i + 1) * width + q, i * width + next(q));
    else if (c === '?' || accepts(q, c)) todo.push((i + 1) * width + next(q));
  }
  return false;
}
