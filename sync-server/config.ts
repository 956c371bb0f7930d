/**
 * Server configuration from the environment, checked with zod at start. A bad value stops the
 * server with a message naming the variable and what it should be.
 */
import { z } from 'zod';
import { MAX_TRUSTED_PROXIES } from './http/client-address.ts';
import { PLAN_LIMITS, type PlanLimits } from '../model/wire/index.ts';
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
   * How far in the future (seconds) the time of a value a client writes may be, for clocks that
   * run a little fast; default 300. A later time is refused (`collab/update-checks.ts`).
   */
  CLOCK_SKEW_SECONDS: z.coerce.number({ error: 'a number of seconds from 0 to 3600' }).int().min(0).max(3600).optional(),
  /**
   * How many reverse proxies of your own stand in front of the server (default 0). With 0 the
   * per-address limits (sign-in, calendar feeds) count the socket's peer address and ignore
   * `X-Forwarded-For`, which any client can write; with n they take the n-th address from the
   * right of `X-Forwarded-For` (`http/client-address.ts`). Set it only when every request passes
   * through those proxies, else a client chooses its own address.
   */
  TRUST_PROXY: z.coerce.number({ error: 'the number of reverse proxies in front of the server, 0 to 10' }).int().min(0).max(MAX_TRUSTED_PROXIES).optional(),
  /** Largest encoded size of one plan, in bytes (docs/limits.md, "Plan size"). Default 8 MiB. */
  PLAN_MAX_BYTES: z.coerce
    .number({ error: 'a number of bytes, at least 65536' })
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .optional(),
  /** Most named versions of one child's plan. Default 200. */
  VERSIONS_PER_CHILD: z.coerce.number({ error: 'a whole number from 1 to 10000' }).int().min(1).max(10_000).optional(),
  /** Most children one person may create or import in an hour. Default 60. */
  CHILDREN_PER_HOUR: z.coerce.number({ error: 'a whole number from 1 to 10000' }).int().min(1).max(10_000).optional(),
  /**
   * Authenticated WebSockets (windows or tabs of the board) one account may hold open at once;
   * further ones are closed with 4430 too-many-connections (docs/limits.md). Default 20.
   */
  MAX_SOCKETS_PER_PERSON: z.coerce.number({ error: 'a whole number from 1 to 1000' }).int().min(1).max(1000).optional(),
  /**
   * `on` serves the client's source maps (`*.map`), for development; by default they are not
   * served, so the deployed page does not hand out its sources.
   */
  SOURCE_MAPS: z.enum(['on', 'off'], { error: 'on or off' }).optional(),
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

/** The plan limits this server applies: the model's, with the configurable ones as configured. */
export function planLimitsOf(config: Pick<Config, 'PLAN_MAX_BYTES' | 'VERSIONS_PER_CHILD' | 'CHILDREN_PER_HOUR'>): PlanLimits {
  return {
    ...PLAN_LIMITS,
    planBytes: config.PLAN_MAX_BYTES ?? PLAN_LIMITS.planBytes,
    versionsPerChild: config.VERSIONS_PER_CHILD ?? PLAN_LIMITS.versionsPerChild,
    childrenPerHour: config.CHILDREN_PER_HOUR ?? PLAN_LIMITS.childrenPerHour,
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from `env` (usually process.env); empty values count as unset. */
export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = Config.safeParse(cleaned);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
