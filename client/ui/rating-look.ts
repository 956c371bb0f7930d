/**
 * How a red/amber/green rating is told: its word, what it asks of people, a tone and a shape,
 * so the caseload, the board and the timeline tell a rating the same way and never by colour
 * alone. Imports nothing of ours but the shapes (the rating names are the model's `Rating`).
 */
import type { Shape, Tone } from './shapes.ts';

/** A rating, as the model's timeline engine and the caseload reply name it. */
export type RatingName = 'red' | 'amber' | 'green';

/** Words, tone and shape of a status or rating. */
export interface Look {
  readonly label: string;
  readonly tone: Tone;
  readonly shape: Shape;
}

/** Words, tone and shape of each rating, and what it asks of people. */
export const RATING_LOOK: Readonly<Record<RatingName, Look & { readonly meaning: string }>> = {
  red: { label: 'Red', tone: 'red', shape: 'triangle', meaning: 'needs action now' },
  amber: { label: 'Amber', tone: 'amber', shape: 'hourglass', meaning: 'needs attention soon' },
  green: { label: 'Green', tone: 'green', shape: 'circle-filled', meaning: 'on track' },
};
