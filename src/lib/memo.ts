// A bounded memo for pure functions of one string. The claim policy asks the same questions of the same
// claim names and audiences at every login; the answers never change, so they are kept — up to `max`
// keys, after which the memo starts afresh (claim names come from Actions: a stranger's flow must not
// grow it without end). No Node APIs: Actions bundle the policy.

export function memoByString<T>(fn: (key: string) => T, max = 4096): (key: string) => T {
  let known = new Map<string, T>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as T;
    const value = fn(key);
    if (known.size >= max) known = new Map();
    known.set(key, value);
    return value;
  };
}
