// Swagger UI as a new user meets it, in headless Chromium: the page loads with no request
// leaving the server, "Try it out" on register with the prefilled example answers 201, and
// after "Authorize" with the returned token, "Try it out" on GET /v1/users/me answers 200.
//
// Usage: node .ci/node/swagger-ui.mjs BASE_URL   (the server's database must be fresh:
// the register example names a user that must not exist yet)
import assert from "node:assert/strict";

import puppeteer from "puppeteer-core";

const base = process.argv[2];
assert.ok(base, "usage: node swagger-ui.mjs BASE_URL");
const origin = new URL(base).origin;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  const outside = [];
  const consoleErrors = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) {
      outside.push(url);
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const failed = [];
  page.on("response", (response) => {
    // Try-it-out calls may fail on purpose; the page's own resources may not.
    if (response.status() >= 400 && response.request().resourceType() !== "fetch") {
      failed.push(`${response.status()} ${response.url()}`);
    }
  });

  await page.goto(`${base}/docs`, { waitUntil: "networkidle0" });
  await page.waitForSelector(".opblock", { timeout: 15000 });
  console.log(`docs loaded: ${(await page.$$(".opblock")).length} operations shown`);

  // Expands an operation, presses "Try it out" and "Execute", and returns the live
  // response's status and body text.
  async function tryItOut(tag, operationId) {
    const block = `#operations-${tag}-${operationId}`;
    await page.waitForSelector(`${block} .opblock-summary`);
    await page.click(`${block} .opblock-summary`);
    await page.waitForSelector(`${block} .try-out__btn`);
    await page.click(`${block} .try-out__btn`);
    await page.waitForSelector(`${block} .execute`);
    await page.click(`${block} .execute`);
    const status = `${block} .live-responses-table .response .response-col_status`;
    await page.waitForSelector(status, { timeout: 15000 });
    const code = (await page.$eval(status, (el) => el.textContent)).trim();
    const body = await page.$eval(
      `${block} .live-responses-table .response-col_description pre`,
      (el) => el.textContent,
    );
    return { code: Number.parseInt(code, 10), body };
  }

  const registered = await tryItOut("auth", "register_user");
  assert.equal(registered.code, 201, `register with the prefilled example: ${registered.body}`);
  const token = JSON.parse(registered.body).tokens.accessToken;
  assert.ok(token, "the answer carries an access token");
  console.log("register with the prefilled example: 201");

  // Authorize with the token.
  await page.click(".auth-wrapper .authorize");
  await page.waitForSelector(".modal-ux input");
  await page.type(".modal-ux input", token);
  await page.click(".modal-ux .auth-btn-wrapper .authorize");
  await page.click(".modal-ux .btn-done");
  console.log("authorized with the returned token");

  const me = await tryItOut("users", "get_current_user");
  assert.equal(me.code, 200, `GET /v1/users/me after authorizing: ${me.body}`);
  assert.equal(JSON.parse(me.body).username, "ada");
  console.log("GET /v1/users/me: 200");

  assert.deepEqual(outside, [], "the page made requests to other origins");
  assert.deepEqual(failed, [], "resources of the page failed to load");
  assert.deepEqual(consoleErrors, [], "the page logged errors");
  console.log("Swagger UI check passed: no outside requests, no console errors");
} finally {
  await browser.close();
}
