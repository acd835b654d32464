import type { INestApplication } from '@nestjs/common';

/** One route as Express knows it: `GET /rounds/:id/score`. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route the app serves outside the JSON API (/api), read from the running app's Express router:
 * the pages and the forms they post to. A route added to a controller shows up here without anyone
 * listing it, so the page table (page-table.ts) must grow with it.
 */
export function pageRoutes(app: INestApplication): RouteKey[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .flatMap((layer) => {
      const route = layer.route;
      // Catch-all middleware layers ("/{*path}") answer every method: they are not routes.
      if (!route || route.path.includes('*') || route.path === '/api' || route.path.startsWith('/api/')) return [];
      return Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}` as RouteKey);
    })
    .sort();
}
