// The seed's JSON API, with the bearer token when one is set.
//
// The token lives in sessionStorage (this tab) or, when the user ticks "remember", localStorage. Live
// streams are read with fetch(), not EventSource: EventSource cannot send an Authorization header, and
// putting the token in the URL instead would leave it in server logs and the browser's history.

const KEY = 'actorqueue.token';

/** Thrown for a 401: the page asks for a token. */
export class Unauthorized extends Error {
  constructor(problem) {
    super(problem?.detail ?? 'This seed requires an API token.');
    this.problem = problem;
  }
}

/** Thrown for any other failed request, with the problem+json the seed sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The seed answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY),
  set(value, remember) {
    this.clear();
    (remember ? localStorage : sessionStorage).setItem(KEY, value);
  },
  clear() {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  },
};

function headers(extra, bearer = token.get()) {
  return bearer ? { ...extra, Authorization: `Bearer ${bearer}` } : { ...extra };
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** fetch() with the token; a 401 throws Unauthorized, another error ApiError. */
export async function request(path, { method = 'GET', body, signal, bearer } = {}) {
  const init = { method, signal, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }, bearer) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized(await problemOf(response));
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
}

export const get = async (path, options) => (await request(path, options)).json();
export const post = async (path, body, options) => (await request(path, { ...options, method: 'POST', body })).json();

/** A blob (thumbnail, input image) as an object URL, fetched with the token; the caller revokes it. */
export async function blobUrl(url, signal) {
  const response = await request(url, { signal });
  return URL.createObjectURL(await response.blob());
}

/**
 * Reads a Server-Sent Events stream with fetch: calls onEvent(name, data) for each event until the stream ends
 * or signal aborts. Resolves when the server closes the stream.
 */
export async function stream(path, onEvent, signal) {
  const response = await request(path, { signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
