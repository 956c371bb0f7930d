/**
 * A person's initials for their mark (`ui/person-mark.ts`): up to two capital letters, the
 * first of the first and of the last word of the name; `?` for an empty name.
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + last).toLocaleUpperCase('en-GB');
}
