/**
 * What the in-memory Google REST APIs keep in the world across executions: the OAuth tokens
 * ScriptApp.getOAuthToken() handed out (and the scopes each carries), the Docs API requests of
 * the last minute (rate limits), the UrlFetchApp calls of each day (daily quota), and a test
 * hook that makes the next requests of an endpoint answer a given status.
 *
 * Tokens and the last minute's requests live in memory only: a world read back from JSON starts
 * with none (its tokens have expired, as real ones do within the hour).
 */
import { randomUUID } from 'node:crypto';

export interface TokenGrant {
  user: string;
  /** The scopes the token carries: those declared by the manifest and granted by the user. */
  scopes: string[];
}

export type DocsRequestKind = 'read' | 'write';

export interface DocsRateLimits {
  writePerUser: number;
  writePerProject: number;
  readPerUser: number;
  readPerProject: number;
}

/** What a request over a limit is told (Docs API usage limits page; see docsRateCheck). */
export interface RateRefusal {
  metric: string;
  limit: string;
  quotaLimit: string;
  value: number;
}

/** Apps Script's text once the day's UrlFetchApp calls are used up (quotas page). */
export const URL_FETCH_QUOTA_MESSAGE = 'Service invoked too many times for one day: urlfetch.';

/** UrlFetchApp calls a day for a consumer account (quotas page; perf/apps-script-latency.json). */
export const DEFAULT_URL_FETCH_DAILY_QUOTA = 20000;

const WINDOW_MS = 60_000;

export class RestState {
  /** Makes this world's tokens its own: another world's are unknown here. */
  readonly salt = randomUUID();
  private readonly tokens = new Map<string, TokenGrant>();
  /** Docs API requests of the recent past, oldest first, on the simulated clock. */
  private recent: { user: string; kind: DocsRequestKind; at: number }[] = [];
  private readonly forced = new Map<string, { status: number; remaining: number }[]>();
  urlFetchDailyQuota = DEFAULT_URL_FETCH_DAILY_QUOTA;
  /** UrlFetchApp calls per day (`YYYY-MM-DD` in the world's zone). */
  urlFetchCalls: Record<string, number> = {};

  issueToken(token: string, grant: TokenGrant): void {
    this.tokens.set(token, { user: grant.user, scopes: [...grant.scopes] });
  }

  grantOf(token: string): TokenGrant | undefined {
    return this.tokens.get(token);
  }

  /**
   * Test hook: the next `times` requests to `endpoint` ('docs.documents.batchUpdate',
   * 'drive.files.copy', ...) answer HTTP `status` (429, 500, 503...) without reaching the API.
   * Several calls queue up in order.
   */
  failNext(endpoint: string, status: number, times = 1): void {
    const list = this.forced.get(endpoint) ?? [];
    list.push({ status, remaining: times });
    this.forced.set(endpoint, list);
  }

  /** The forced status of the next request to `endpoint`, used up; null when none. */
  takeForced(endpoint: string): number | null {
    const list = this.forced.get(endpoint);
    const head = list?.[0];
    if (!list || !head) return null;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    return head.status;
  }

  /**
   * Counts one UrlFetchApp call on `day`; false when the day's quota was already used up (the
   * call is refused and not counted).
   */
  countUrlFetch(day: string): boolean {
    const n = this.urlFetchCalls[day] ?? 0;
    if (n >= this.urlFetchDailyQuota) return false;
    this.urlFetchCalls[day] = n + 1;
    return true;
  }

  /**
   * One Docs API request of `user` at `atMs`: refused when the user's (then the project's)
   * requests of that kind in the 60 seconds before reach the limit. The usage limits page gives
   * the figures per minute but not how the minute is measured: a sliding 60-second window on
   * the simulated clock. It does not say whether refused requests count either: they do here
   * (least convenient: retrying without waiting keeps the window full).
   */
  docsRateCheck(
    user: string,
    kind: DocsRequestKind,
    atMs: number,
    limits: DocsRateLimits | undefined,
  ): RateRefusal | null {
    this.recent = this.recent.filter((r) => r.at > atMs - WINDOW_MS);
    const same = this.recent.filter((r) => r.kind === kind);
    const mine = same.filter((r) => r.user === user).length;
    this.recent.push({ user, kind, at: atMs });
    if (!limits) return null;
    const Metric = kind === 'write' ? 'Write requests' : 'Read requests';
    const Key = kind === 'write' ? 'Write' : 'Read';
    const perUser = kind === 'write' ? limits.writePerUser : limits.readPerUser;
    const perProject = kind === 'write' ? limits.writePerProject : limits.readPerProject;
    if (mine >= perUser) {
      return {
        metric: Metric,
        limit: `${Metric} per minute per user`,
        quotaLimit: `${Key}RequestsPerMinutePerUser`,
        value: perUser,
      };
    }
    if (same.length >= perProject) {
      return {
        metric: Metric,
        limit: `${Metric} per minute`,
        quotaLimit: `${Key}RequestsPerMinutePerProject`,
        value: perProject,
      };
    }
    return null;
  }
}

/**
 * The 429 text of the Docs API, as its users quote it: "Quota exceeded for quota metric 'Write
 * requests' and limit 'Write requests per minute per user' of service 'docs.googleapis.com' for
 * consumer 'project_number:…'."
 */
export function rateMessage(r: RateRefusal, projectNumber: string): string {
  return `Quota exceeded for quota metric '${r.metric}' and limit '${r.limit}' of service 'docs.googleapis.com' for consumer 'project_number:${projectNumber}'.`;
}
