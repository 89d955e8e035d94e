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

// The list is the first screen; the other screens load on demand (the service worker
// precaches their chunks, so this costs nothing offline) to keep the first load small.
const loadRunScreen = () => import('./ui/run/RunScreen.tsx');
const RunScreen = lazyRouteComponent(loadRunScreen, 'RunScreen');
const StartRunScreen = lazyRouteComponent(() => import('./ui/StartRunScreen.tsx'), 'StartRunScreen');
const SopDetailScreen = lazyRouteComponent(() => import('./ui/SopDetailScreen.tsx'), 'SopDetailScreen');
const SyncScreen = lazyRouteComponent(() => import('./ui/SyncScreen.tsx'), 'SyncScreen');

// Authoring (issue 6): separate chunks, never fetched by the runner's screens.
const LibraryScreen = lazyRouteComponent(() => import('./library/LibraryScreen.tsx'), 'LibraryScreen');
const ImportScreen = lazyRouteComponent(() => import('./library/ImportScreen.tsx'), 'ImportScreen');
const SopAdminScreen = lazyRouteComponent(() => import('./library/SopAdminScreen.tsx'), 'SopAdminScreen');
const PrintScreen = lazyRouteComponent(() => import('./library/PrintScreen.tsx'), 'PrintScreen');
const EditorScreen = lazyRouteComponent(() => import('./editor/EditorScreen.tsx'), 'EditorScreen');

// Owner analytics (issue 7): separate chunks, never fetched by the runner's screens.
const OverviewScreen = lazyRouteComponent(() => import('./analytics/OverviewScreen.tsx'), 'OverviewScreen');
const SopAnalyticsScreen = lazyRouteComponent(() => import('./analytics/SopAnalyticsScreen.tsx'), 'SopAnalyticsScreen');
const CompareScreen = lazyRouteComponent(() => import('./analytics/CompareScreen.tsx'), 'CompareScreen');
const RunTimelineScreen = lazyRouteComponent(() => import('./analytics/RunTimelineScreen.tsx'), 'RunTimelineScreen');
const OnboardingScreen = lazyRouteComponent(() => import('./analytics/OnboardingScreen.tsx'), 'OnboardingScreen');

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

const libraryRoute = createRoute({ getParentRoute: () => rootRoute, path: '/library', component: LibraryScreen });
const importRoute = createRoute({ getParentRoute: () => rootRoute, path: '/library/import', component: ImportScreen });
const sopAdminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/library/$sopId',
  component: function SopAdminRoute() {
    const { sopId } = sopAdminRoute.useParams();
    return <SopAdminScreen key={sopId} sopId={sopId} />;
  },
});
const editorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/library/$sopId/edit',
  component: function EditorRoute() {
    const { sopId } = editorRoute.useParams();
    return <EditorScreen key={sopId} sopId={sopId} />;
  },
});
const printRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/library/$sopId/versions/$version/print',
  component: function PrintRoute() {
    const { sopId, version } = printRoute.useParams();
    return <PrintScreen sopId={sopId} version={Number(version)} />;
  },
});
const authoringRoutes = [libraryRoute, importRoute, sopAdminRoute, editorRoute, printRoute];

const analyticsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/analytics', component: OverviewScreen });
const sopAnalyticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics/sops/$sopId',
  component: function SopAnalyticsRoute() {
    const { sopId } = sopAnalyticsRoute.useParams();
    return <SopAnalyticsScreen key={sopId} sopId={sopId} />;
  },
});
const positive = (value: unknown, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
};
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics/sops/$sopId/compare',
  validateSearch: (search: Record<string, unknown>): { a: number; b: number } => ({
    a: positive(search.a, 1),
    b: positive(search.b, 2),
  }),
  component: function CompareRoute() {
    const { sopId } = compareRoute.useParams();
    const { a, b } = compareRoute.useSearch();
    return <CompareScreen sopId={sopId} a={a} b={b} />;
  },
});
const runTimelineRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics/runs/$runId',
  component: function RunTimelineRoute() {
    const { runId } = runTimelineRoute.useParams();
    return <RunTimelineScreen key={runId} runId={runId} />;
  },
});
const onboardingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics/onboarding',
  component: OnboardingScreen,
});
const analyticsRoutes = [analyticsRoute, sopAnalyticsRoute, compareRoute, runTimelineRoute, onboardingRoute];

const routeTree = rootRoute.addChildren([
  listRoute,
  sopRoute,
  startRoute,
  runRoute,
  syncRoute,
  ...authoringRoutes,
  ...analyticsRoutes,
]);

export function createAppRouter(history: RouterHistory = createBrowserHistory()) {
  return createRouter({ routeTree, history, defaultPendingMinMs: 0, scrollRestoration: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
