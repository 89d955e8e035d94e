/** The routes of the app (code-based) and the router factory; tests pass a memory history. */
import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
} from '@tanstack/react-router';
import { AppShell } from './ui/AppShell.tsx';
import { SopListScreen } from './ui/SopListScreen.tsx';
import { StartRunScreen } from './ui/StartRunScreen.tsx';

// The list is the first screen; the other screens load on demand (the service worker
// precaches their chunks, so this costs nothing offline) to keep the first load small.
const loadRunScreen = () => import('./ui/run/RunScreen.tsx');
const RunScreen = lazyRouteComponent(loadRunScreen, 'RunScreen');
const SopDetailScreen = lazyRouteComponent(() => import('./ui/SopDetailScreen.tsx'), 'SopDetailScreen');
const SyncScreen = lazyRouteComponent(() => import('./ui/SyncScreen.tsx'), 'SyncScreen');

/** Fetches the run screen ahead of time so that opening a run never waits on a chunk. */
export const preloadRunScreen = () => loadRunScreen().then(() => undefined);

const rootRoute = createRootRoute({ component: AppShell });

const listRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: SopListScreen });

const sopRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sops/$sopId',
  component: function SopRoute() {
    const { sopId } = sopRoute.useParams();
    return <SopDetailScreen sopId={sopId} />;
  },
});

const startRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sops/$sopId/run',
  validateSearch: (search: Record<string, unknown>): { training?: boolean } =>
    search.training === true || search.training === 'true' ? { training: true } : {},
  component: function StartRoute() {
    const { sopId } = startRoute.useParams();
    const { training } = startRoute.useSearch();
    return <StartRunScreen key={sopId} sopId={sopId} training={training === true} />;
  },
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/$runId',
  component: function RunRoute() {
    const { runId } = runRoute.useParams();
    return <RunScreen key={runId} runId={runId} />;
  },
});

const syncRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sync', component: SyncScreen });

const routeTree = rootRoute.addChildren([listRoute, sopRoute, startRoute, runRoute, syncRoute]);

export function createAppRouter(history: RouterHistory = createBrowserHistory()) {
  return createRouter({ routeTree, history, defaultPendingMinMs: 0, scrollRestoration: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
