/** The JSON API with the researcher's token (kept in this tab's sessionStorage) as the Bearer header. */
const KEY = 'w2s.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(method, path, body) {
  const headers = { authorization: `Bearer ${token.get() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, `the server did not answer ${method} ${path} (${e.message})`);
  }
  const data = await res.json().catch(() => ({ error: `the server answered ${res.status} with something other than JSON` }));
  if (!res.ok) {
    const retry = res.headers.get('retry-after');
    throw new ApiError(res.status, `${res.status}: ${data.error ?? res.statusText}${retry ? ` (try again in ${retry} s)` : ''}`);
  }
  return data;
}

export const enc = encodeURIComponent;
