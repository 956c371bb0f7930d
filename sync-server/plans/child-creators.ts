/**
 * Who may create and import children (issue 13 item 14). Making a child is a team manager's
 * decision: by default only accounts whose role is "Team Manager" and administrators may, and a
 * local authority names other roles with `CHILD_CREATOR_ROLES` (comma-separated role names as
 * given to `users add --role`, compared without regard to case or spacing; `config.ts`).
 * Administrators always may. Everyone else is refused with 403 (`http/children-api.ts`).
 */

/** The roles that may create and import children when `CHILD_CREATOR_ROLES` is unset. */
export const DEFAULT_CHILD_CREATOR_ROLES: readonly string[] = ['Team Manager'];

/** A role name as compared: trimmed, inner spaces collapsed, lower case. */
function roleKey(role: string): string {
  return role.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The role names of a `CHILD_CREATOR_ROLES` value (comma-separated; blanks ignored). */
export function parseCreatorRoles(value: string): string[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** The roles of a `CHILD_CREATOR_ROLES` setting, or the default ones when it is unset. */
export function creatorRoles(setting: string | undefined): readonly string[] {
  return setting === undefined ? DEFAULT_CHILD_CREATOR_ROLES : parseCreatorRoles(setting);
}

/** Whether `account` may create and import children: an administrator, or one of `roles`. */
export function mayCreateChildren(account: { readonly role: string; readonly admin: boolean }, roles: readonly string[]): boolean {
  if (account.admin) return true;
  const key = roleKey(account.role);
  return roles.some((r) => roleKey(r) === key);
}
