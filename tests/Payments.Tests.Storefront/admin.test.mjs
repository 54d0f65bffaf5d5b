// The admin side driven only through @medusajs/js-sdk: the admin dashboard (a user's Bearer JWT) and the commerce
// backend (a secret API key as HTTP Basic), with the SDK's sdk.admin.payment, sdk.admin.paymentCollection and
// sdk.admin.refundReason methods. The storefront's sessions come from the SDK's store methods on seeded carts, given
// as the cart objects a storefront holds (this service serves no cart routes).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Medusa from "@medusajs/js-sdk";
import {
  adminDashboard,
  adminUser,
  assertBrowserWouldSend,
  assertMedusaError,
  backendActor,
  cart,
  commerceBackend,
  customer,
  jwtSecret,
  keys,
  orderId,
  origins,
  regions,
  requestLine,
  storefront,
  systemProvider,
  timestampPattern,
  useLocalHost,
} from "./support/fixture.mjs";
import { adminUserToken, customerToken } from "./support/tokens.mjs";

const capturedTooMuch = "You cannot capture more than the authorized amount substracted by what is already captured.";
const refundedTooMuch = "You are not allowed to refund more than the captured amount";
/** The admin payment's default fields (spec §4.5). */
const paymentKeys = ["id", "currency_code", "amount", "captured_at", "payment_collection_id", "payment_session_id", "captures", "refunds"];
const sum = (entries) => entries.reduce((total, entry) => total + entry.amount, 0);

let dashboard;
let backend;
const host = useLocalHost(async ({ baseUrl }) => {
  dashboard = await adminDashboard(baseUrl);
  backend = commerceBackend(baseUrl);
});

/**
 * Authorizes a session through our extension route (spec §6.15), which the SDK has no method for: the commerce
 * backend calls it with the SDK's own client when it completes the cart, with an Idempotency-Key derived from the cart.
 */
function authorize(collectionId, sessionId, headers = {}) {
  return backend.client.fetch(`/admin/payment-collections/${collectionId}/payment-sessions/${sessionId}/authorize`, {
    method: "POST",
    body: {},
    headers,
  });
}

/** A storefront's session on a seeded cart, authorized by the backend: the payment the admin then works on. */
async function authorizedPayment(cartId) {
  const { payment_collection: collection } = await storefront(host.baseUrl).store.payment.initiatePaymentSession(
    { id: cartId }, { provider_id: systemProvider });
  const session = collection.payment_sessions[0];
  const authorized = (await authorize(collection.id, session.id, { "Idempotency-Key": `complete-${cartId}` })).payment_collection;
  return { collectionId: collection.id, sessionId: session.id, paymentId: authorized.payments[0].id };
}

describe("a payment's life: authorized by the backend, captured and refunded from the dashboard", () => {
  const lifecycleCart = cart("cart_sdk_admin_lifecycle");
  let collectionId;
  let sessionId;
  let paymentId;
  let reason;

  it("authorizes the storefront's session with the backend's secret key; a retry with the same key replays the answer", async () => {
    const { payment_collection: initiated } = await storefront(host.baseUrl).store.payment.initiatePaymentSession(
      { id: lifecycleCart.id }, { provider_id: systemProvider });
    [collectionId, sessionId] = [initiated.id, initiated.payment_sessions[0].id];
    const idempotencyKey = { "Idempotency-Key": `complete-${lifecycleCart.id}` };
    host.traffic.take();

    const first = await authorize(collectionId, sessionId, idempotencyKey);
    const retried = await authorize(collectionId, sessionId, idempotencyKey);

    const calls = host.traffic.take();
    assert.deepEqual(calls.map((call) => [requestLine(call), call.body]), Array(2).fill(
      [`POST /admin/payment-collections/${collectionId}/payment-sessions/${sessionId}/authorize`, {}]));
    assert.equal(calls[0].headers.get("authorization"), "Basic " + Buffer.from(keys.secret + ":").toString("base64"));
    assert.equal(calls[0].headers.get("idempotency-key"), `complete-${lifecycleCart.id}`);
    assert.deepEqual([calls[0].responseHeaders.get("idempotent-replayed"), calls[1].responseHeaders.get("idempotent-replayed")], [null, "true"]);
    assert.deepEqual(retried, first);
    const collection = first.payment_collection;
    assert.deepEqual(
      [collection.status, collection.authorized_amount, collection.captured_amount, collection.refunded_amount],
      ["authorized", lifecycleCart.total, 0, 0]);
    const [session] = collection.payment_sessions;
    const [payment] = collection.payments;
    assert.equal(collection.payments.length, 1);
    assert.deepEqual([session.status, session.payment], ["authorized", { id: payment.id }]);
    assert.deepEqual(
      [payment.amount, payment.provider_id, payment.payment_session_id, payment.captured_at],
      [lifecycleCart.total, systemProvider, sessionId, null]);
    paymentId = payment.id;
  });

  it("lists and retrieves the payment with the dashboard's JWT", async () => {
    const bySession = await dashboard.admin.payment.list({ payment_session_id: sessionId });
    const byIds = await dashboard.admin.payment.list({ id: [paymentId], order: "-created_at", limit: 5 });
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
    const future = await dashboard.admin.payment.list({ created_at: { $gte: tomorrow } });
    const retrieved = await dashboard.admin.payment.retrieve(paymentId);

    const calls = host.traffic.take();
    assert.deepEqual(calls.map(requestLine), [
      `GET /admin/payments?payment_session_id=${sessionId}`,
      `GET /admin/payments?id[0]=${paymentId}&order=-created_at&limit=5`,
      `GET /admin/payments?created_at[$gte]=${tomorrow}`,
      `GET /admin/payments/${paymentId}`,
    ]);
    for (const call of calls) {
      assert.match(call.headers.get("authorization"), /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(call.headers.has("x-publishable-api-key"), false);
    }
    const expected = {
      id: paymentId,
      currency_code: "usd",
      amount: lifecycleCart.total,
      captured_at: null,
      payment_collection_id: collectionId,
      payment_session_id: sessionId,
      captures: [],
      refunds: [],
    };
    assert.deepEqual(bySession, { payments: [expected], count: 1, offset: 0, limit: 20 });
    assert.deepEqual(Object.keys(bySession.payments[0]), paymentKeys);
    assert.deepEqual(byIds, { payments: [expected], count: 1, offset: 0, limit: 5 });
    assert.deepEqual([future.count, future.payments], [0, []]);
    assert.deepEqual(retrieved, { payment: expected });
  });

  it("captures in two parts from the dashboard, refusing more than is left", async () => {
    const partly = (await dashboard.admin.payment.capture(paymentId, { amount: 20 })).payment;
    await assertMedusaError(dashboard.admin.payment.capture(paymentId, { amount: 40 }), 400, capturedTooMuch);
    const fully = (await dashboard.admin.payment.capture(paymentId, { amount: 30 })).payment;

    assert.deepEqual(host.traffic.take().map((call) => [requestLine(call), call.body, call.status]), [
      [`POST /admin/payments/${paymentId}/capture`, { amount: 20 }, 200],
      [`POST /admin/payments/${paymentId}/capture`, { amount: 40 }, 400],
      [`POST /admin/payments/${paymentId}/capture`, { amount: 30 }, 200],
    ]);
    assert.deepEqual(Object.keys(partly), paymentKeys);
    assert.equal(partly.captured_at, null);
    assert.deepEqual(partly.captures.map((capture) => capture.amount), [20]);
    assert.match(fully.captured_at, timestampPattern);
    assert.deepEqual(fully.captures.map((capture) => Object.keys(capture)), [["id", "amount"], ["id", "amount"]]);
    assert.deepEqual(fully.captures.map((capture) => capture.amount), [20, 30]);
  });

  it("manages refund reasons with sdk.admin.refundReason", async () => {
    const created = (await dashboard.admin.refundReason.create({ label: "Damaged", code: "damaged", description: "Item arrived damaged" })).refund_reason;
    const listed = await dashboard.admin.refundReason.list({ q: "damag" });
    const updated = (await dashboard.admin.refundReason.update(created.id, { label: "Damaged in transit" })).refund_reason;
    const retrieved = (await dashboard.admin.refundReason.retrieve(created.id)).refund_reason;
    const all = await dashboard.admin.refundReason.list();

    assert.deepEqual(Object.keys(created), ["id", "label", "code", "description", "created_at", "updated_at", "deleted_at"]);
    assert.deepEqual([created.label, created.code, created.description, created.deleted_at], ["Damaged", "damaged", "Item arrived damaged", null]);
    assert.deepEqual(listed, { refund_reasons: [created], count: 1, offset: 0, limit: 15 });
    assert.deepEqual({ ...updated, updated_at: created.updated_at }, { ...created, label: "Damaged in transit" });
    assert.ok(updated.updated_at >= created.updated_at);
    assert.deepEqual(retrieved, updated);
    assert.deepEqual(all.refund_reasons.map((entry) => entry.code), ["shipping_issue", "customer_care_adjustment", "pricing_error", "damaged"]);
    reason = updated;
  });

  it("refunds with a reason through the backend's secret key, refusing more than was captured", async () => {
    const refunded = (await backend.admin.payment.refund(paymentId, { amount: 10, refund_reason_id: reason.id, note: "dented box" })).payment;
    await assertMedusaError(backend.admin.payment.refund(paymentId, { amount: 41 }), 400, refundedTooMuch);

    const calls = host.traffic.take();
    assert.deepEqual(calls.map((call) => [requestLine(call), call.body]), [
      [`POST /admin/payments/${paymentId}/refund`, { amount: 10, refund_reason_id: reason.id, note: "dented box" }],
      [`POST /admin/payments/${paymentId}/refund`, { amount: 41 }],
    ]);
    assert.match(calls[0].headers.get("authorization"), /^Basic /);
    const [refund] = refunded.refunds;
    assert.equal(refunded.refunds.length, 1);
    assert.deepEqual(Object.keys(refund), ["id", "amount", "note", "payment_id", "refund_reason_id", "refund_reason"]);
    assert.deepEqual({ ...refund, id: undefined }, {
      id: undefined,
      amount: 10,
      note: "dented box",
      payment_id: paymentId,
      refund_reason_id: reason.id,
      refund_reason: { label: "Damaged in transit", code: "damaged", id: reason.id },
    });
  });

  it("records who captured and who refunded: the dashboard's user and the backend's key", async () => {
    const { payment } = await dashboard.admin.payment.retrieve(paymentId, { fields: "*captures,*refunds" });

    assert.deepEqual(host.traffic.take().map(requestLine), [`GET /admin/payments/${paymentId}?fields=*captures,*refunds`]);
    assert.deepEqual(payment.captures.map((capture) => [capture.amount, capture.created_by]), [[20, adminUser], [30, adminUser]]);
    assert.deepEqual(payment.refunds.map((refund) => [refund.amount, refund.created_by, refund.refund_reason_id]), [[10, backendActor, reason.id]]);
    assert.deepEqual(Object.keys(payment.captures[0]), ["id", "payment_id", "metadata", "created_by", "raw_amount", "created_at", "updated_at", "deleted_at", "amount"]);
  });

  it("leaves the collection completed with what was captured and refunded", async () => {
    // Authorizing an authorized session again changes nothing and answers the collection as stored (spec §6.15).
    const { payment_collection: collection } = await authorize(collectionId, sessionId);

    assert.deepEqual(
      [collection.status, collection.authorized_amount, collection.captured_amount, collection.refunded_amount, collection.payments.length],
      ["completed", 50, 50, 10, 1]);
  });

  it("deletes the refund reason; the refund keeps its id and shows no reason", async () => {
    const deleted = await dashboard.admin.refundReason.delete(reason.id);
    const deletedAgain = await dashboard.admin.refundReason.delete(reason.id);
    await assertMedusaError(dashboard.admin.refundReason.retrieve(reason.id), 404, `RefundReason with id: ${reason.id} was not found`);
    const { payment } = await dashboard.admin.payment.retrieve(paymentId);

    assert.deepEqual(deleted, { id: reason.id, object: "refund_reason", deleted: true });
    assert.deepEqual(deletedAgain, deleted);
    assert.deepEqual([payment.refunds[0].refund_reason_id, payment.refunds[0].refund_reason], [reason.id, null]);
  });
});

describe("an order's payment collections with sdk.admin.paymentCollection", () => {
  it("creates a collection for an order, opens a session on it and marks it as paid", async () => {
    const created = (await dashboard.admin.paymentCollection.create({ order_id: orderId, amount: 100 })).payment_collection;
    const withSession = (await dashboard.admin.paymentCollection.createPaymentSession(created.id, { provider_id: systemProvider })).payment_collection;
    const paid = (await dashboard.admin.paymentCollection.markAsPaid(created.id, { order_id: orderId })).payment_collection;
    await assertMedusaError(dashboard.admin.paymentCollection.markAsPaid(created.id, { order_id: orderId }), 400,
      "Can only mark 'not_paid' payment collection as paid");
    await assertMedusaError(dashboard.admin.paymentCollection.delete(created.id), 400,
      "Can only delete payment collections where status is not_paid");

    assert.deepEqual(host.traffic.take().map(requestLine), [
      "POST /admin/payment-collections",
      `POST /admin/payment-collections/${created.id}/payment-sessions`,
      `POST /admin/payment-collections/${created.id}/mark-as-paid`,
      `POST /admin/payment-collections/${created.id}/mark-as-paid`,
      `DELETE /admin/payment-collections/${created.id}`,
    ]);
    assert.deepEqual({ ...created, id: undefined }, {
      id: undefined,
      currency_code: "usd",
      amount: 100,
      status: "not_paid",
      authorized_amount: null,
      captured_amount: null,
      refunded_amount: null,
      payment_sessions: [],
      payments: [],
    });
    assert.deepEqual(Object.keys(created), ["id", "currency_code", "amount", "status", "authorized_amount", "captured_amount", "refunded_amount", "payment_sessions", "payments"]);
    assert.deepEqual(withSession.payment_sessions.map((session) => [session.status, session.amount]), [["pending", 100]]);
    assert.deepEqual([paid.status, paid.authorized_amount, paid.captured_amount, paid.refunded_amount], ["completed", 100, 100, 0]);
    const [payment] = paid.payments;
    assert.equal(paid.payments.length, 1);
    assert.deepEqual([payment.provider_id, payment.amount], [systemProvider, 100]);
    assert.match(payment.captured_at, timestampPattern);
    const { payment: stored } = await dashboard.admin.payment.retrieve(payment.id, { fields: "*captures" });
    assert.deepEqual(stored.captures.map((capture) => [capture.amount, capture.created_by]), [[100, adminUser]]);
  });

  it("deletes a collection that is not paid", async () => {
    const created = (await dashboard.admin.paymentCollection.create({ order_id: orderId, amount: 12.5 })).payment_collection;

    const deleted = await dashboard.admin.paymentCollection.delete(created.id);

    assert.deepEqual(deleted, { id: created.id, object: "payment-collection", deleted: true });
    await assertMedusaError(dashboard.admin.paymentCollection.delete("pay_col_sdk_missing"), 404,
      "PaymentCollection id not found: pay_col_sdk_missing");
    await assertMedusaError(dashboard.admin.paymentCollection.create({ order_id: "order_sdk_missing", amount: 1 }), 404,
      "Order id not found: order_sdk_missing");
  });

  it("lists the registered payment providers", async () => {
    assert.deepEqual(await dashboard.admin.payment.listPaymentProviders(),
      { payment_providers: [{ id: systemProvider, is_enabled: true }], count: 1, offset: 0, limit: 20 });
    assert.deepEqual(await dashboard.admin.payment.listPaymentProviders({ is_enabled: false }),
      { payment_providers: [], count: 0, offset: 0, limit: 20 });
    assert.deepEqual(host.traffic.take().map(requestLine),
      ["GET /admin/payments/payment-providers", "GET /admin/payments/payment-providers?is_enabled=false"]);
  });
});

describe("money moves once under retries and concurrent submits", () => {
  it("captures the full amount when the body is omitted, once however often it is retried with its Idempotency-Key", async () => {
    const { paymentId } = await authorizedPayment(cart("cart_sdk_admin_full_capture").id);
    const retryKey = { "Idempotency-Key": `capture-${paymentId}` };
    host.traffic.take();

    const first = await backend.admin.payment.capture(paymentId, undefined, undefined, retryKey);
    const retried = await backend.admin.payment.capture(paymentId, undefined, undefined, retryKey);

    const calls = host.traffic.take();
    assert.deepEqual(calls.map((call) => [call.body, call.responseHeaders.get("idempotent-replayed")]), [[undefined, null], [undefined, "true"]]);
    assert.deepEqual(retried, first);
    const { payment } = await dashboard.admin.payment.retrieve(paymentId, { fields: "*captures" });
    assert.deepEqual(payment.captures.map((capture) => [capture.amount, capture.created_by]), [[30, backendActor]]);
    assert.match(payment.captured_at, timestampPattern);
  });

  it("lets concurrent captures and refunds take only what is there", async () => {
    const { paymentId } = await authorizedPayment(cart("cart_sdk_admin_concurrent").id);

    const captures = await Promise.allSettled(Array.from({ length: 5 }, () => dashboard.admin.payment.capture(paymentId, { amount: 20 })));
    const refunds = await Promise.allSettled(Array.from({ length: 3 }, () => backend.admin.payment.refund(paymentId, { amount: 25 })));

    const outcome = (settled) => settled.map((result) => result.status === "fulfilled" ? 200 : `${result.reason.status} ${result.reason.message}`).sort();
    assert.deepEqual(outcome(captures), [200, 200, `400 ${capturedTooMuch}`, `400 ${capturedTooMuch}`, `400 ${capturedTooMuch}`]);
    assert.deepEqual(outcome(refunds), [200, `400 ${refundedTooMuch}`, `400 ${refundedTooMuch}`]);
    const { payment } = await dashboard.admin.payment.retrieve(paymentId, { fields: "*captures,*refunds" });
    assert.deepEqual([sum(payment.captures), payment.captures.length, payment.captured_at], [40, 2, null]);
    assert.deepEqual([sum(payment.refunds), payment.refunds.length], [25, 1]);
  });
});

describe("the admin dashboard in a browser", () => {
  it("may send its payment, collection and refund reason calls (CORS preflight)", async () => {
    await dashboard.admin.payment.list({ limit: 1 });
    await dashboard.admin.payment.listPaymentProviders();
    const { refund_reason: reason } = await dashboard.admin.refundReason.create({ label: "Wrong size", code: "wrong_size" });
    await dashboard.admin.refundReason.update(reason.id, { description: "Exchanged for another size" });
    await dashboard.admin.refundReason.delete(reason.id);
    const { payment_collection: collection } = await dashboard.admin.paymentCollection.create({ order_id: orderId, amount: 1 });
    await dashboard.admin.paymentCollection.delete(collection.id);

    await assertBrowserWouldSend(host.baseUrl, origins.dashboard, host.traffic.take());
  });
});

describe("admin credentials", () => {
  it("refuses what Medusa refuses, with Medusa's 401 bodies", async () => {
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 24 * 60 * 60;
    const secretKeyAsBearer = await adminDashboard(host.baseUrl, keys.secret);

    await assertMedusaError(commerceBackend(host.baseUrl, "").admin.payment.list(), 401, "Unauthorized");
    await assertMedusaError(commerceBackend(host.baseUrl, "sk_sdk_not_a_key").admin.payment.list(), 401, "Unauthorized");
    await assertMedusaError((await adminDashboard(host.baseUrl, adminUserToken(adminUser, jwtSecret, { issuedAt: twoDaysAgo }))).admin.payment.list(), 401, "Unauthorized");
    await assertMedusaError((await adminDashboard(host.baseUrl, customerToken(customer.id, jwtSecret))).admin.payment.list(), 401, "Unauthorized");
    await assertMedusaError((await adminDashboard(host.baseUrl, adminUserToken(adminUser, "another-backends-secret-0123456789abcdef"))).admin.payment.list(), 401, "Unauthorized");
    await assertMedusaError(secretKeyAsBearer.admin.payment.list(), 401,
      "A secret API key was passed as a Bearer token. Secret API keys must be sent using HTTP Basic authentication instead (Authorization: Basic <secret-api-key>).");
    // The backend's cookie sessions (auth type "session") cannot be verified here: the SDK then sends no credentials.
    await assertMedusaError(new Medusa({ baseUrl: host.baseUrl, auth: { type: "session" } }).admin.payment.list(), 401, "Unauthorized");
  });

  it("serves one SDK holding both the publishable and the secret key on store and admin routes", async () => {
    const server = new Medusa({ baseUrl: host.baseUrl, publishableKey: keys.publishable, apiKey: keys.secret });

    const store = await server.store.payment.listPaymentProviders({ region_id: regions.unitedStates });
    const admin = await server.admin.payment.listPaymentProviders();

    assert.deepEqual([store.count, admin.count], [1, 1]);
    for (const call of host.traffic.take()) {
      assert.equal(call.headers.get("x-publishable-api-key"), keys.publishable);
      assert.match(call.headers.get("authorization"), /^Basic /);
    }
  });
});

it("left no error in the host's log", () => {
  assert.doesNotMatch(host.log(), /^(fail|crit): /m);
});
