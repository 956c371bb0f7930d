/**
 * The page's one plan repo (one socket for every plan and restricted part), loaded once with
 * the plan's code: `import()` of `plan-workspace.ts`, a chunk the first page does not carry.
 * The page root makes one and gives it to every controller that opens documents
 * (`open-plan-controller.ts`, `restricted-controller.ts`), so they share the repo and its load.
 * Tests give it a repo of their own.
 */
import type { PlanRepo } from '../sync/plan-repo.ts';

/** Loads the plan repo once; a failed load may be tried again. */
export class RepoLoader {
  readonly #load: () => Promise<PlanRepo>;
  #repo: PlanRepo | undefined;
  #loading: Promise<PlanRepo> | undefined;

  /** @param repo a repo to use as it is, or how to load it; by default the shipped plan code's */
  constructor(repo: PlanRepo | (() => Promise<PlanRepo>) = () => import('./plan-workspace.ts').then((m) => m.defaultPlanRepo())) {
    if (typeof repo === 'function') this.#load = repo;
    else {
      this.#repo = repo;
      this.#load = () => Promise.resolve(repo);
    }
  }

  /** The repo, once loaded. */
  get repo(): PlanRepo | undefined {
    return this.#repo;
  }

  /** The repo, loading it on the first call (one load for every caller); rejects when the load fails. */
  load(): Promise<PlanRepo> {
    if (this.#repo) return Promise.resolve(this.#repo);
    this.#loading ??= this.#load().then(
      (repo) => (this.#repo = repo),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
