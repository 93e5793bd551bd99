import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy between AWS clients (SDK v3, or boto3 through AWS_ENDPOINT_URL) and the
 * emulator that injects faults, so the clients' real retry logic runs against them.
 *
 * Request faults (`throttle`, `server`, `reset`, `slow`) are answered by the proxy itself: the
 * request is never forwarded, so the emulator never applies a write that the client then sees fail.
 * Pagination faults forward the request and rewrite the answer: `empty-page` answers a listing page
 * with no items and a token that leads back to the same page (a correct client follows it and loses
 * nothing); `repeat-token` answers a page with the token that was sent (on a first page, a token
 * of the proxy's that leads back to the first page), so a client that trusts tokens pages forever.
 *
 * Which request gets a fault is drawn from a PRNG seeded by `seed` (mulberry32), in arrival order.
 * `maxConsecutive` bounds the faults in a row on one request (same service, operation and body), so
 * that a rate below 100% with `maxConsecutive` below the client's attempts always lets retries win.
 */
export type RequestFault = 'throttle' | 'server' | 'reset' | 'slow';
export type PageFault = 'empty-page' | 'repeat-token';
export type Fault = RequestFault | PageFault;

export interface FaultProxyOptions {
  /** Where requests go (the emulator endpoint). */
  target: string;
  seed: number;
  /** Share of requests that get a fault, 0 to 1. */
  rate: number;
  /** The faults to draw from (uniformly); default every request fault and `empty-page`. */
  mix?: readonly Fault[];
  /** How long a `slow` answer is held before the connection is dropped (set it past the client's timeout). */
  slowMs?: number;
  /** The most faults in a row on one request; unbounded by default. */
  maxConsecutive?: number;
  /** Only requests this returns true for can get a fault (default: every AWS API request). */
  only?: (request: ProxiedRequest) => boolean;
  /**
   * Runs before a request is forwarded (`when: 'before'`) or after the emulator answered and before
   * the answer is sent back (`when: 'after'`): a test injects another writer's change here.
   */
  hook?: (request: ProxiedRequest, when: 'before' | 'after') => Promise<void> | void;
}

export interface ProxiedRequest {
  /** Lower-case signing name from the Authorization header (glue, iam, s3, ec2, config, ...). */
  service: string;
  /** The API operation (`GetJobs`), or `METHOD /path` for REST protocols. */
  operation: string;
  protocol: 'json' | 'query' | 'ec2' | 'rest';
  body: string;
}

export interface InjectedFault {
  service: string;
  operation: string;
  fault: Fault;
}

export interface FaultProxy {
  readonly endpoint: string;
  /** Every fault injected so far, in order. */
  readonly injected: readonly InjectedFault[];
  /** Requests forwarded to the emulator, by `service:operation`. */
  readonly forwarded: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const DEFAULT_MIX: readonly Fault[] = ['throttle', 'server', 'reset', 'slow', 'empty-page'];
const EMPTY_TOKEN = 'fault-proxy-empty-page:';
const REPEAT_TOKEN = 'fault-proxy-repeat';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function classify(request: IncomingMessage, body: string): ProxiedRequest {
  const authorization = String(request.headers.authorization ?? '');
  const scope = /Credential=[^/,]*\/\d{8}\/[^/,]*\/([a-z0-9-]{1,64})\/aws4_request/.exec(authorization);
  const service = scope?.[1] ?? 'unknown';
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    return { service, operation: target.slice(target.lastIndexOf('.') + 1), protocol: 'json', body };
  }
  const contentType = String(request.headers['content-type'] ?? '');
  if (request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body).get('Action') ?? 'unknown';
    return { service, operation: action, protocol: service === 'ec2' ? 'ec2' : 'query', body };
  }
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return { service, operation: `${request.method} ${path}`, protocol: 'rest', body };
}

/** The error answer each protocol gives for throttling (or a server fault), as AWS sends it. */
function errorAnswer(
  request: ProxiedRequest,
  kind: 'throttle' | 'server',
): { status: number; type: string; body: string } {
  const requestId = 'fault-proxy-0000';
  if (request.protocol === 'json') {
    const [type, message] =
      kind === 'throttle'
        ? ['ThrottlingException', 'Rate exceeded']
        : ['InternalServiceException', 'Internal error'];
    return {
      status: kind === 'throttle' ? 400 : 500,
      type: 'application/x-amz-json-1.1',
      body: JSON.stringify({ __type: type, message }),
    };
  }
  if (request.protocol === 'ec2') {
    // EC2's query protocol: <Response><Errors><Error>, RequestLimitExceeded for throttling.
    const code = kind === 'throttle' ? 'RequestLimitExceeded' : 'InternalError';
    const status = kind === 'throttle' ? 503 : 500;
    return {
      status,
      type: 'text/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  }
  if (request.protocol === 'query') {
    // IAM, SNS, SQS (query): <ErrorResponse><Error><Type/><Code/>, Throttling for throttling.
    const [status, type, code] =
      kind === 'throttle' ? [400, 'Sender', 'Throttling'] : [500, 'Receiver', 'ServiceFailure'];
    return {
      status,
      type: 'text/xml',
      body: `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>Rate exceeded</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  // S3 (REST-XML): a bare <Error>, SlowDown (503) for throttling.
  const [status, code] = kind === 'throttle' ? [503, 'SlowDown'] : [500, 'InternalError'];
  return {
    status,
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Please reduce your request rate.</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const isListing = (r: ProxiedRequest): boolean =>
  r.protocol === 'json' && /^(Get|List|Describe|Search)/.test(r.operation);

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed);
  const mix = options.mix ?? DEFAULT_MIX;
  const injected: InjectedFault[] = [];
  const forwarded = new Map<string, number>();
  const streak = new Map<string, number>();
  const target = new URL(options.target);

  async function forward(
    request: IncomingMessage,
    proxied: ProxiedRequest,
    body: Buffer,
  ): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))
        continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const key = `${proxied.service}:${proxied.operation}`;
    forwarded.set(key, (forwarded.get(key) ?? 0) + 1);
    const response = await fetch(new URL(request.url ?? '/', target), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: Buffer.from(await response.arrayBuffer()),
    };
  }

  function send(response: ServerResponse, answer: { status: number; headers: Headers; body: Buffer }): void {
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
        headers[name] = value;
    });
    headers['content-length'] = String(answer.body.length);
    response.writeHead(answer.status, headers);
    response.end(answer.body);
  }

  function draw(proxied: ProxiedRequest): Fault | undefined {
    if (proxied.service === 'unknown' || !(options.only?.(proxied) ?? true)) return undefined;
    const roll = random();
    const pick = mix[Math.floor(random() * mix.length)];
    const key = createHash('sha256')
      .update(`${proxied.service}\0${proxied.operation}\0${proxied.body}`)
      .digest('hex');
    const inRow = streak.get(key) ?? 0;
    if (
      roll >= options.rate ||
      pick === undefined ||
      inRow >= (options.maxConsecutive ?? Number.POSITIVE_INFINITY)
    ) {
      streak.delete(key);
      return undefined;
    }
    if ((pick === 'empty-page' || pick === 'repeat-token') && !isListing(proxied)) {
      streak.delete(key);
      return undefined;
    }
    streak.set(key, inRow + 1);
    return pick;
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      let body = await readBody(request);
      let proxied = classify(request, body.toString('utf8'));
      // A token this proxy made leads back to the page it hid (empty page) or to the first page (repeat).
      if (
        proxied.protocol === 'json' &&
        (proxied.body.includes(EMPTY_TOKEN) || proxied.body.includes(REPEAT_TOKEN))
      ) {
        const parsed = JSON.parse(proxied.body) as Record<string, unknown>;
        const token = String(parsed.NextToken);
        const original = token.startsWith(EMPTY_TOKEN) ? token.slice(EMPTY_TOKEN.length) : '';
        if (original) parsed.NextToken = original;
        else delete parsed.NextToken;
        body = Buffer.from(JSON.stringify(parsed));
        proxied = { ...proxied, body: body.toString('utf8') };
      }
      const fault = draw(proxied);
      if (fault) injected.push({ service: proxied.service, operation: proxied.operation, fault });
      if (fault === 'reset') {
        request.socket.destroy();
        return;
      }
      if (fault === 'slow') {
        setTimeout(() => request.socket.destroy(), options.slowMs ?? 2_000).unref();
        return;
      }
      if (fault === 'throttle' || fault === 'server') {
        const answer = errorAnswer(proxied, fault);
        send(response, {
          status: answer.status,
          headers: new Headers({ 'content-type': answer.type, 'x-amzn-requestid': 'fault-proxy-0000' }),
          body: Buffer.from(answer.body),
        });
        return;
      }
      await options.hook?.(proxied, 'before');
      const answer = await forward(request, proxied, body);
      await options.hook?.(proxied, 'after');
      if ((fault === 'empty-page' || fault === 'repeat-token') && answer.status === 200) {
        const page = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
        const sent = (JSON.parse(proxied.body || '{}') as { NextToken?: unknown }).NextToken;
        if (fault === 'empty-page') {
          for (const [name, value] of Object.entries(page)) if (Array.isArray(value)) page[name] = [];
          page.NextToken = `${EMPTY_TOKEN}${typeof sent === 'string' ? sent : ''}`;
        } else {
          // The token sent (or, on a first page, one of the proxy's own) comes back, forever.
          page.NextToken = typeof sent === 'string' && sent !== '' ? sent : REPEAT_TOKEN;
        }
        answer.body = Buffer.from(JSON.stringify(page));
      }
      send(response, answer);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`fault proxy: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    injected,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
