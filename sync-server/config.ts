/**
 * Server configuration from the environment, checked with zod at start. A bad value stops the
 * server with a message naming the variable and what it should be.
 */
import { z } from 'zod';
import { parseCreatorRoles } from './plans/child-creators.ts';
import { isTimeZone } from './plans/local-day.ts';
import { StorageConfig } from './storage/db/storage-config.ts';

export const Config = StorageConfig.extend({
  /** TCP port; 0 picks a free one (tests). */
  PORT: z.coerce.number({ error: 'a port number from 0 to 65535' }).int().min(0).max(65535).default(8080),
  /** Address to listen on; the default keeps the embedded server private to this machine. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The address people use to reach the server, when it differs (behind a proxy). */
  PUBLIC_URL: z.url({ error: 'a full URL such as https://plans.example.org/' }).optional(),
  /** When set, several instances share documents through Redis, e.g. redis://127.0.0.1:6379. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  /**
   * The IANA time zone whose days the server counts: a child's rating is for today there, and
   * the caseload is re-rated at its midnight. Unset: Europe/London (`DEFAULT_TIME_ZONE`),
   * whatever the machine's own zone. Every instance sharing a store must have the same.
   */
  TIME_ZONE: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/London').optional(),
  /**
   * The roles (as given to `users add --role`, comma-separated) that may create and import
   * children besides administrators; unset: "Team Manager" (`creatorRoles` in `plans/child-creators.ts`).
   */
  CHILD_CREATOR_ROLES: z
    .string()
    .refine((v) => parseCreatorRoles(v).length > 0, 'at least one role name, comma-separated')
    .optional(),
  /** `production` never makes the demo accounts and caseload (`demo/demo-policy.ts`). */
  NODE_ENV: z.string().optional(),
  /** `off`: never make the demo, even into an empty store; `on` (the default): make it on an empty store unless NODE_ENV=production. */
  DEMO: z.enum(['on', 'off'], { error: 'on or off' }).optional(),
});
export type Config = z.infer<typeof Config>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from `env` (usually process.env); empty values count as unset. */
export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = Config.safeParse(cleaned);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
