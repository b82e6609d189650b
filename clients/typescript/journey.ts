/**
 * The main user journey through the TypeScript SDK, against a live server.
 *
 * Usage: node dist/journey.js BASE_URL
 *
 * Every call goes through the typed client (no raw fetch): if the document and the server
 * disagree on a path, a body or a status, this fails to compile or fails an assertion.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";

import { profilehubClient } from "./src/index.js";

async function main(baseUrl: string): Promise<void> {
  const anonymous = profilehubClient(baseUrl);
  const name = `ts_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const password = "correct horse battery staple";

  const registered = await anonymous.POST("/v1/auth/register", {
    body: { username: name, email: `${name}@example.com`, password, name: "Type Script", referrerHandle: null },
  });
  assert.equal(registered.response.status, 201);
  assert.equal(registered.data?.user.username, name);

  const login = await anonymous.POST("/v1/auth/login", { body: { login: name, password } });
  assert.equal(login.response.status, 200);
  const tokens = login.data?.tokens;
  assert.ok(tokens);
  const me = profilehubClient(baseUrl, tokens.accessToken);

  const profile = await me.GET("/v1/users/me");
  assert.equal(profile.response.status, 200);
  assert.equal(profile.data?.email, `${name}@example.com`);

  // Set a bio, then clear it with an explicit null.
  const set = await me.PATCH("/v1/users/me", { body: { bio: "Hello" } });
  assert.equal(set.data?.bio, "Hello");
  const cleared = await me.PATCH("/v1/users/me", { body: { bio: null } });
  assert.equal(cleared.response.status, 200);
  assert.equal(cleared.data?.bio, null);

  // A pasted profile URL is reduced to the handle.
  const linked = await me.PUT("/v1/users/me/handles/{platform}", {
    params: { path: { platform: "codeforces" } },
    body: { handle: "https://codeforces.com/profile/tourist" },
  });
  assert.equal(linked.response.status, 200);
  assert.equal(linked.data?.handle, "tourist");
  assert.equal(linked.data?.status, "pending");

  // On-demand refresh: queued once, then the cooldown answers 429 with its code.
  const queued = await me.POST("/v1/users/me/ratings/refresh");
  assert.equal(queued.response.status, 202);
  assert.equal(queued.data?.queued, 1);
  const cooling = await me.POST("/v1/users/me/ratings/refresh");
  assert.equal(cooling.response.status, 429);
  assert.equal(cooling.error?.code, "RATE_LIMITED");

  const publicProfile = await anonymous.GET("/v1/profiles/{username}", { params: { path: { username: name } } });
  assert.equal(publicProfile.response.status, 200);
  const ratings = publicProfile.data?.ratings;
  assert.equal(ratings?.codeforces?.handle, "tourist");
  assert.equal(ratings?.codechef, null);

  const digitomize = await anonymous.GET("/user/profile/{username}", { params: { path: { username: name } } });
  assert.equal(digitomize.response.status, 200);
  assert.equal(digitomize.data?.personal_data.username, name);

  const pair = await anonymous.POST("/v1/auth/refresh", { body: { refreshToken: tokens.refreshToken } });
  assert.equal(pair.response.status, 200);
  assert.ok(pair.data);
  const fresh = profilehubClient(baseUrl, pair.data.accessToken);
  const logout = await fresh.POST("/v1/auth/logout");
  assert.equal(logout.response.status, 204);

  // The logged-out session's token is refused with the documented code.
  const refused = await fresh.GET("/v1/users/me");
  assert.equal(refused.response.status, 401);
  assert.equal(refused.error?.code, "GENERIC_UNAUTHORIZED");
  console.log(`typescript journey passed as ${name}`);
}

const baseUrl = process.argv[2];
if (baseUrl === undefined) {
  console.error("usage: node dist/journey.js BASE_URL");
  process.exit(2);
}
await main(baseUrl);
