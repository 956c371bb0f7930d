/**
 * Links that the client follows itself (a child's name, "Back to caseload") must still let the
 * browser open a new tab or window: only a plain left click is taken over. Used by every
 * element with such a link. Imports nothing.
 */

/**
 * Whether a click is a plain left click, which the client handles itself; a click with another
 * button or a modifier key is left to the browser (to open a new tab or window).
 */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}
