// What every test file shares: the seed data it can rely on, the local host started for the file, and the SDK
// clients configured the way a storefront, the admin dashboard and a commerce backend configure theirs.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, beforeEach } from "node:test";
import { fileURLToPath } from "node:url";
import Medusa, { FetchError } from "@medusajs/js-sdk";
import { startLocalHost } from "./local-host.mjs";
import { adminUserToken, customerToken } from "./tokens.mjs";
import { recordSdkTraffic } from "./traffic.mjs";

const seedFile = fileURLToPath(new URL("../seed.json", import.meta.url));
const seed = JSON.parse(readFileSync(seedFile, "utf8"));

/** The commerce backend's JWT_SECRET for this run; the local host gets it as AdminAuth:JwtSecret. */
export const jwtSecret = "storefront-suite-" + randomBytes(24).toString("hex");

/** The browser origins of the storefront and of the admin dashboard, granted CORS by the local host. */
export const origins = { storefront: "http://storefront.localhost:8000", dashboard: "http://dashboard.localhost:9000" };

export const systemProvider = "pp_system_default";
export const regions = { unitedStates: "reg_sdk_us", europe: "reg_sdk_eu" };
export const orderId = record("orders", "order_sdk_balance_due").id;
export const customer = record("customers", "cus_01M8R74BXXM086F8C8ZX1TBN3Q");
/** The secret key's id is the actor recorded on what the commerce backend does with it (spec §2.2). */
export const backendActor = "apk_sdk_commerce_backend";
export const adminUser = "user_01M86MRZEZC0PTTWRW2WHMXJ0E";
export const keys = {
  publishable: record("api_keys", "apk_sdk_storefront").token,
  revokedPublishable: record("api_keys", "apk_sdk_revoked_storefront").token,
  secret: record("api_keys", backendActor).token,
};

/** A seeded cart, so a test reads its total from the seed rather than repeating it. */
export const cart = (id) => record("carts", id);

/**
 * Starts the local host before the file's tests and stops it after them; records the SDK's HTTP calls meanwhile,
 * each test seeing only its own. whenStarted runs once the host answers (Node 20 does not await one file-level
 * before hook before starting the next, so set-up that needs the host's address goes there).
 * @param {(handle: { baseUrl: string }) => Promise<void> | void} [whenStarted]
 * @returns {{ baseUrl: string, traffic: ReturnType<typeof recordSdkTraffic>, log: () => string }}
 */
export function useLocalHost(whenStarted = () => {}) {
  const handle = {};
  let host;
  before(async () => {
    host = await startLocalHost({ seedFile, jwtSecret, storeOrigin: origins.storefront, adminOrigin: origins.dashboard });
    handle.baseUrl = host.baseUrl;
    handle.log = host.log;
    handle.traffic = recordSdkTraffic();
    await whenStarted(handle);
  });
  beforeEach(() => handle.traffic.take());
  after(async () => {
    handle.traffic?.restore();
    await host?.stop();
  });
  return handle;
}

/**
 * A storefront's SDK: the publishable key on every request, and the shopper's JWT (if any) kept in memory, where a
 * browser would keep it in localStorage (Node has none).
 */
export function storefront(baseUrl, { publishableKey = keys.publishable } = {}) {
  return new Medusa({ baseUrl, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
}

/** A storefront whose shopper is logged in: the token the backend issued at login is stored in the SDK. */
export async function customerStorefront(baseUrl, token = customerToken(customer.id, jwtSecret)) {
  const sdk = storefront(baseUrl);
  await sdk.client.setToken(token);
  return sdk;
}

/** The admin dashboard's SDK after a user's login: Bearer JWT. */
export async function adminDashboard(baseUrl, token = adminUserToken(adminUser, jwtSecret)) {
  const sdk = new Medusa({ baseUrl, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
  await sdk.client.setToken(token);
  return sdk;
}

/** A commerce backend's (or script's) SDK with a secret API key: HTTP Basic. */
export function commerceBackend(baseUrl, apiKey = keys.secret) {
  return new Medusa({ baseUrl, apiKey });
}

/** Asserts that an SDK call failed as Medusa fails it: the SDK's FetchError with the status and the body's message. */
export async function assertMedusaError(promise, status, message) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof FetchError, `expected the SDK's FetchError, got ${error}`);
    assert.deepEqual({ status: error.status, message: error.message }, { status, message });
    return true;
  });
}

/**
 * Asserts that a browser would let the page at origin make each of these SDK calls. Before a cross-origin request
 * with headers beyond the CORS-safelisted ones (the SDK always sends content-type: application/json and
 * x-medusa-locale), a browser asks with a preflight OPTIONS whether the method and those headers are allowed. Node's
 * fetch skips that step, so this asks as the browser would, for the requests the SDK really made.
 */
export async function assertBrowserWouldSend(baseUrl, origin, calls) {
  assert.ok(calls.length > 0);
  for (const call of calls) {
    const requestedHeaders = [...call.headers.keys()].filter((name) => !isSafelisted(name, call.headers.get(name))).sort();
    const preflight = await fetch(new URL(call.path, baseUrl), {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": call.method, "access-control-request-headers": requestedHeaders.join(",") },
    });
    const granted = (name) => (preflight.headers.get(name) ?? "").toLowerCase().split(",").map((entry) => entry.trim());
    const what = `the preflight of ${requestLine(call)} from ${origin}`;
    assert.equal(preflight.status, 204, what);
    assert.equal(preflight.headers.get("access-control-allow-origin"), origin, what);
    assert.equal(preflight.headers.get("access-control-allow-credentials"), "true", what);
    assert.ok(granted("access-control-allow-methods").includes(call.method.toLowerCase()), `${what}: method`);
    assert.deepEqual(requestedHeaders.filter((name) => !granted("access-control-allow-headers").includes(name)), [], `${what}: headers`);
  }
}

/** The Fetch standard's CORS-safelisted request headers, for the values the SDK sends. */
function isSafelisted(name, value) {
  const safeContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
  return name === "accept"
    || name === "accept-language"
    || name === "content-language"
    || (name === "content-type" && safeContentTypes.includes(value.split(";")[0].trim().toLowerCase()));
}

/** An SDK call as "METHOD /path?query", the query decoded, for comparing the requests a method sent. */
export function requestLine(call) {
  const query = decodeURIComponent(call.query.toString());
  return `${call.method} ${call.path}${query ? "?" + query : ""}`;
}

/** A new id of ours: the prefix, then a ULID in Crockford base32 (spec §1.5). */
export const idPattern = (prefix) => new RegExp(`^${prefix}[0-9A-HJKMNP-TV-Z]{26}$`);

/** Timestamps as Medusa writes them (spec §1.6). */
export const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function record(section, id) {
  const found = seed[section].find((entry) => entry.id === id);
  assert.ok(found, `seed.json has no ${section} record ${id}`);
  return found;
}
