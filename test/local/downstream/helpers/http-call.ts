/** A real HTTP client for the fake downstream tests: fetch, with the answer read into plain data. */

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

/** Sends one request; a JSON `body` is serialised and labelled, a string is sent as is. */
export const call = async (
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> => {
  const isText = typeof init.body === 'string';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body !== undefined && !isText ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : isText ? (init.body as string) : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
};

/** Posts a client-credentials token request as a form. */
export const requestToken = (
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> =>
  call(`${url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

/** Sends `count` requests one after another and returns their statuses in order. */
export const statusesOf = async (url: string, count: number, body: unknown = { n: 1 }): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await call(url, { body })).status);
  return statuses;
};

/** A clock the test moves by hand. */
export const manualClock = (start = Date.UTC(2030, 0, 1)): { now: () => number; advance: (ms: number) => void } => {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
};
