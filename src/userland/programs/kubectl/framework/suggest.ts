/**
 * cobra's "Did you mean this?": a command is suggested when the typed word is within Levenshtein
 * distance 2 of its name (case-insensitive) or a prefix of it, in the order the commands are listed.
 */

/** Levenshtein distance, case-insensitive as cobra calls it. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[t.length]!;
}

export const SUGGESTION_DISTANCE = 2;

export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  return names.filter((name) => levenshtein(typed, name) <= SUGGESTION_DISTANCE || name.toLowerCase().startsWith(typed.toLowerCase()));
}

/** cobra's error for a word that names no command, with its suggestions. */
export function unknownCommandMessage(typed: string, parent: string, names: readonly string[]): string {
  const suggestions = suggestionsFor(typed, names);
  const did = suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '';
  return `unknown command ${JSON.stringify(typed)} for ${JSON.stringify(parent)}${did}`;
}
