// Records the HTTP calls the SDK makes, so a test can say which requests an SDK method sent (method, path, query,
// headers, body) and what came back (status, headers). The SDK calls the global fetch for every request; this wraps
// it and passes each call through unchanged.

/** @typedef {{ method: string, path: string, query: URLSearchParams, headers: Headers, body: unknown, status: number, responseHeaders: Headers }} SdkCall */

export function recordSdkTraffic() {
  /** @type {SdkCall[]} */
  const calls = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await realFetch(input, init);
    calls.push({
      method: init.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : init.body,
      status: response.status,
      responseHeaders: response.headers,
    });
    return response;
  };

  return {
    /** The calls recorded since the last take, oldest first. */
    take: () => calls.splice(0),
    restore: () => { globalThis.fetch = realFetch; },
  };
}
