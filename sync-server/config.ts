/**
 * Server configuration from the environment, checked with zod at start. A bad value stops the
 * server with a message naming the variable and what it should be.
 */
import { z } from 'zod';

export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
});
export type Config = z.infer<typeof Config>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from `env` (usually process.env). */
export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  const result = Config.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
