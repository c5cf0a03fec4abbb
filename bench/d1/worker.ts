// The Worker bench/api.bench.ts runs under `wrangler dev` for its D1 part (the config is written by
// the bench, with this file as `main`): the API exactly as the site mounts it (createApp on
// depsFromEnv, one per isolate), the bare baselines on the same D1 binding, and `POST /bench/seed`,
// which fills the fresh local database with bench/api-seed.ts. Never deployed.
import { createApp } from '../../functions/app.ts';
import { depsFromEnv, type Bindings } from '../../functions/env.ts';
import { bareApp } from '../api-bare.ts';
import { seedApiBench, type ApiBenchSize } from '../api-seed.ts';

let deps: ReturnType<typeof depsFromEnv> | undefined;
let app: ReturnType<typeof createApp> | undefined;
let bare: ReturnType<typeof bareApp> | undefined;

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    deps ??= depsFromEnv(env);
    app ??= createApp(deps);
    bare ??= bareApp(deps.db);
    const path = new URL(request.url).pathname;
    if (path === '/bench/seed' && request.method === 'POST') {
      const size = (await request.json()) as ApiBenchSize;
      return Response.json(await seedApiBench(deps.db, new Date(), size));
    }
    if (path.startsWith('/bare/')) return bare.fetch(request);
    return app.fetch(request, env, ctx);
  },
};
