import type { RequestOrigin } from '../events/event-log';
import type { FormParams } from './params';

/** An authenticated API request, as the route handlers see it. */
export interface ApiRequest {
  method: string;
  path: string;
  /** The form body for POST, the query string for GET. */
  params: FormParams;
  /** The connected account the request acts for (Stripe-Account header, or an OAuth access token), if any. */
  stripeAccount: string | null;
  origin: RequestOrigin;
}

/** Handlers return the JSON body of a 200 answer, or throw a StripeApiError / OAuthError. */
export type RouteHandler = (request: ApiRequest, pathParams: Record<string, string>) => unknown;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path with `:name` placeholders, e.g. `/v1/topups/:id/cancel`. */
  path: string;
  handle: RouteHandler;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  pathParams: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/:([a-z_]+)/g, (_placeholder, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch | null {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, index) => {
        pathParams[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { route, pathParams };
    }
    return null;
  }
}
