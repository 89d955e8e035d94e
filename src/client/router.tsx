/**
 * The routes of the app (code-based) and the router factory; tests pass a memory history.
 * Each route says who may open it (`staticData`): `public` screens need no account, `roles`
 * limits a screen to some roles; the shell (ui/AppShell.tsx) enforces both.
 */
import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
} from '@tanstack/react-router';
import type { Role } from '../shared/auth.ts';
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

// Accounts (issue 5): sign-in, first start, joining by invite, the account, the owner's team.
const SignInScreen = lazyRouteComponent(() => import('./auth/SignInScreen.tsx'), 'SignInScreen');
const SetupScreen = lazyRouteComponent(() => import('./auth/SetupScreen.tsx'), 'SetupScreen');
const JoinScreen = lazyRouteComponent(() => import('./auth/JoinScreen.tsx'), 'JoinScreen');
const AccountScreen = lazyRouteComponent(() => import('./auth/AccountScreen.tsx'), 'AccountScreen');
const MembersScreen = lazyRouteComponent(() => import('./team/MembersScreen.tsx'), 'MembersScreen');
const InvitesScreen = lazyRouteComponent(() => import('./team/InvitesScreen.tsx'), 'InvitesScreen');
const AuditScreen = lazyRouteComponent(() => import('./team/AuditScreen.tsx'), 'AuditScreen');

const AUTHORS: readonly Role[] = ['owner', 'author'];
const OWNERS: readonly Role[] = ['owner'];

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

const libraryRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/library',
  component: LibraryScreen,
});
const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/library/import',
  component: ImportScreen,
});
const sopAdminRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/library/$sopId',
  component: function SopAdminRoute() {
    const { sopId } = sopAdminRoute.useParams();
    return <SopAdminScreen key={sopId} sopId={sopId} />;
  },
});
const editorRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/library/$sopId/edit',
  component: function EditorRoute() {
    const { sopId } = editorRoute.useParams();
    return <EditorScreen key={sopId} sopId={sopId} />;
  },
});
const printRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/library/$sopId/versions/$version/print',
  component: function PrintRoute() {
    const { sopId, version } = printRoute.useParams();
    return <PrintScreen sopId={sopId} version={Number(version)} />;
  },
});
const authoringRoutes = [libraryRoute, importRoute, sopAdminRoute, editorRoute, printRoute];

const analyticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/analytics',
  component: OverviewScreen,
});
const sopAnalyticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
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
  staticData: { roles: AUTHORS },
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
  staticData: { roles: AUTHORS },
  path: '/analytics/runs/$runId',
  component: function RunTimelineRoute() {
    const { runId } = runTimelineRoute.useParams();
    return <RunTimelineScreen key={runId} runId={runId} />;
  },
});
const onboardingRoute = createRoute({
  getParentRoute: () => rootRoute,
  staticData: { roles: AUTHORS },
  path: '/analytics/onboarding',
  component: OnboardingScreen,
});
const analyticsRoutes = [analyticsRoute, sopAnalyticsRoute, compareRoute, runTimelineRoute, onboardingRoute];

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  staticData: { public: true },
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    typeof search.next === 'string' ? { next: search.next } : {},
  component: function SignInRoute() {
    const { next } = signInRoute.useSearch();
    return <SignInScreen next={next} />;
  },
});
const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  staticData: { public: true },
  component: SetupScreen,
});
const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join/$token',
  staticData: { public: true },
  component: function JoinRoute() {
    const { token } = joinRoute.useParams();
    return <JoinScreen key={token} token={token} />;
  },
});
const accountRoute = createRoute({ getParentRoute: () => rootRoute, path: '/account', component: AccountScreen });
const ownerRoute = (path: '/members' | '/invites' | '/audit', component: typeof MembersScreen) =>
  createRoute({ getParentRoute: () => rootRoute, path, staticData: { roles: OWNERS }, component });
const accountRoutes = [
  signInRoute,
  setupRoute,
  joinRoute,
  accountRoute,
  ownerRoute('/members', MembersScreen),
  ownerRoute('/invites', InvitesScreen),
  ownerRoute('/audit', AuditScreen),
];

const routeTree = rootRoute.addChildren([
  listRoute,
  sopRoute,
  startRoute,
  runRoute,
  syncRoute,
  ...authoringRoutes,
  ...analyticsRoutes,
  ...accountRoutes,
]);

export function createAppRouter(history: RouterHistory = createBrowserHistory()) {
  return createRouter({ routeTree, history, defaultPendingMinMs: 0, scrollRestoration: false });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
  interface StaticDataRouteOption {
    /** Opens without an account (sign-in, first start, joining by invite). */
    public?: boolean;
    /** The roles that may open the screen; absent: every signed-in person. */
    roles?: readonly Role[];
  }
}
