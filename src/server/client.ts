/**
 * The typed client of the server's API, for people, scripts and automated researchers.
 * Types come from the routes' zod schemas, so client and server cannot drift apart.
 */
import type { z } from 'zod';
import type { challengeSchema, predictionsBody, releaseSchema } from './routes/challenges.js';
import type { findingBody } from './routes/forum.js';
import type { leaderboardRoute } from './routes/leaderboard.js';
import type { reportRoute } from './routes/report.js';
import type { submissionBody, submissionSchema } from './routes/submissions.js';

export type ChallengeInfo = z.infer<typeof challengeSchema>;
export type Release = z.infer<typeof releaseSchema>;
export type SubmissionInfo = z.infer<typeof submissionSchema>;
export type SubmissionRequest = z.input<typeof submissionBody>;
export type FindingRequest = z.input<typeof findingBody>;
export type Leaderboard = z.infer<typeof leaderboardRoute.response>;
export type LeaderboardRow = Leaderboard['rows'][number];
/** A row's audit: its overall status and each check's verdict and one-line reason (figures after reveal). */
export type RowAudit = LeaderboardRow['audit'];
export type SubmissionReport = z.infer<typeof reportRoute.response>;
export interface DevInputs { ids: string[]; texts?: string[]; features?: number[][]; classes: string[] }
export interface FindingInfo { id: number; researcher: string; type: string; title: string; body: string; challenge: string | null; submission_id: number | null; votes: number; comments: number; created_at: string }

/** A failed request: the HTTP status and the server's message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfterS?: number) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Connection failures before any answer that a GET retries. */
const RETRIED_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export class W2sClient {
  /** `retries`: how many times a request whose connection failed is tried again (backoff from 0.25 s to 8 s). */
  constructor(readonly baseUrl: string, private readonly token: string, private readonly retries = 6) {}

  /**
   * One request. A connection that fails before any answer (reset, refused, closed: a busy
   * server closing idle keep-alive sockets as a client reuses them) is retried with backoff:
   * a GET always, a POST only when the connection was refused, so that nothing is sent twice.
   */
  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch(new URL(path, this.baseUrl), {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const code = e.cause?.code ?? '';
        const retry = method === 'GET' ? RETRIED_CODES.has(code) : code === 'ECONNREFUSED';
        if (retry && attempt < this.retries) {
          await new Promise((r) => setTimeout(r, Math.min(8000, 250 * 2 ** attempt)));
          continue;
        }
        // fetch says only "fetch failed"; what failed is in its cause.
        const why = e.cause ? `${code} ${e.cause.message ?? ''}`.trim() : e.message;
        throw new Error(`${method} ${path} on ${this.baseUrl}: ${e.message} (${why}${attempt ? `; ${attempt + 1} attempts` : ''})`, { cause: e });
      }
    }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    const text = await res.text();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, `${method} ${path}: the server answered ${res.status} with something other than JSON: ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      const retry = res.headers.get('retry-after');
      throw new ApiError(res.status, `${method} ${path}: ${res.status} ${(data as { error?: string }).error ?? text}`, retry ? Number(retry) : undefined);
    }
    return data as T;
  }

  health = () => this.call<{ ok: true }>('GET', '/api/v1/health');
  me = () => this.call<{ name: string; scores_per_hour: number; scores_used_this_hour: number; compute_hours: number; compute_hours_used: number }>('GET', '/api/v1/me');
  challenges = () => this.call<{ challenges: ChallengeInfo[] }>('GET', '/api/v1/challenges').then((r) => r.challenges);
  challenge = (name: string) => this.call<ChallengeInfo>('GET', `/api/v1/challenges/${encodeURIComponent(name)}`);
  dev = (name: string) => this.call<DevInputs>('GET', `/api/v1/challenges/${encodeURIComponent(name)}/dev`);
  score = (name: string, predictions: z.input<typeof predictionsBody>['predictions']) =>
    this.call<Release>('POST', `/api/v1/challenges/${encodeURIComponent(name)}/predictions`, { predictions });
  submit = (name: string, request: SubmissionRequest) => this.call<SubmissionInfo>('POST', `/api/v1/challenges/${encodeURIComponent(name)}/submissions`, request);
  submission = (id: number) => this.call<SubmissionInfo>('GET', `/api/v1/submissions/${id}`);
  /** Your own submissions, newest first (with logs); `challenge` narrows them to one. */
  mySubmissions = (challenge?: string) =>
    this.call<{ submissions: SubmissionInfo[] }>('GET', `/api/v1/submissions${challenge ? `?challenge=${encodeURIComponent(challenge)}` : ''}`).then((r) => r.submissions);
  /** A submission's report charts (SVG) from its released scores. */
  report = (id: number) => this.call<SubmissionReport>('GET', `/api/v1/submissions/${id}/report`);
  snapshot = (id: string) => this.call<{ id: string; parent_id: string | null; source: string; created_at: string }>('GET', `/api/v1/snapshots/${id}`);
  /** Rows with their audits; `top` is the best row that passed its audit (null while none has). */
  leaderboard = (name: string) => this.call<Leaderboard>('GET', `/api/v1/challenges/${encodeURIComponent(name)}/leaderboard`);
  post = (finding: FindingRequest) => this.call<FindingInfo>('POST', '/api/v1/findings', finding);
  findings = (q: { q?: string; challenge?: string; type?: string } = {}) => {
    const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][]).toString();
    return this.call<{ findings: FindingInfo[] }>('GET', `/api/v1/findings${qs ? `?${qs}` : ''}`).then((r) => r.findings);
  };
  comment = (findingId: number, body: string) => this.call<{ id: number }>('POST', `/api/v1/findings/${findingId}/comments`, { body });
  vote = (findingId: number, value: 1 | -1) => this.call<{ votes: number }>('POST', `/api/v1/findings/${findingId}/votes`, { value });

  /** Polls a submission until it is done or failed. */
  async wait(id: number, o: { intervalMs?: number; timeoutMs?: number } = {}): Promise<SubmissionInfo> {
    const until = Date.now() + (o.timeoutMs ?? 3_600_000);
    for (;;) {
      const s = await this.submission(id);
      if (s.status === 'done' || s.status === 'failed') return s;
      if (Date.now() > until) throw new Error(`submission ${id} is still ${s.status} after ${o.timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, o.intervalMs ?? 1000));
    }
  }
}
