/**
 * The contract between client and server: document names, close codes and what each means to a
 * person, and every HTTP request and reply body as zod. Client and server import these and
 * nothing else about each other. Imports only zod.
 */
export * from './document-names.ts';
export * from './close-codes.ts';
export * from './limits.ts';
export * from './http/errors.ts';
export * from './http/session.ts';
export * from './http/children.ts';
export * from './http/history.ts';
export * from './http/versions.ts';
export * from './http/calendar.ts';
export * from './http/health.ts';
export * from './presence.ts';
