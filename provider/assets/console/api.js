// The management API with the signed-in admin's access token for it. A refusal becomes an
// ApiError carrying the API's {code, message, field}.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
    this.field = body?.field;
    this.data = body;
  }
}

export function managementApi(client, resource) {
  return async function request(method, path, body) {
    const send = async () =>
      fetch(path, {
        method,
        headers: { authorization: `Bearer ${await client.getAccessToken(resource)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    let response = await send();
    if (response.status === 401) {
      // A token from before a role change or a key rotation: get a fresh one once.
      await client.clearAccessToken();
      response = await send();
    }
    if (response.status === 204) return null;
    const data = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  };
}
