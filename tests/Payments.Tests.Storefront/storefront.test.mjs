// A storefront's checkout driven only through @medusajs/js-sdk, as the SDK's own store methods send it.
//
// The SDK's cart-facing calls take the cart object that Medusa's GET /store/carts/{id} returns: its id, and its
// payment_collection once it has one. Carts belong to the commerce backend and this service serves no cart routes,
// so each test builds that object from the seeded cart and from the collection the previous call returned, as a
// storefront has it after refetching its cart.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  assertBrowserWouldSend,
  assertMedusaError,
  cart,
  customer,
  customerStorefront,
  idPattern,
  jwtSecret,
  keys,
  origins,
  regions,
  requestLine,
  storefront,
  systemProvider,
  timestampPattern,
  useLocalHost,
} from "./support/fixture.mjs";
import { customerToken } from "./support/tokens.mjs";

const host = useLocalHost();

/** A payment session's keys in Medusa 2.21.2's order (spec §5.2). */
const sessionKeys = [
  "id", "currency_code", "provider_id", "data", "context", "status", "authorized_at", "payment_collection_id",
  "payment", "metadata", "raw_amount", "created_at", "updated_at", "deleted_at", "amount",
];

/** The first and the next session of a logged-in customer on a real Medusa 2.21.2 (kept with the backend tests). */
const recordedCustomerContext = (file) => JSON.parse(readFileSync(
  new URL(`../Payments.Tests.Integration/Backend/Recorded/${file}.json`, import.meta.url), "utf8",
)).body.payment_collection.payment_sessions[0].context;

const onlySession = (collection) => {
  assert.equal(collection.payment_sessions.length, 1, "a collection shows exactly one session (spec D2)");
  return collection.payment_sessions[0];
};

describe("payment providers", () => {
  it("lists the providers of the cart's region with listPaymentProviders", async () => {
    const sdk = storefront(host.baseUrl);

    const unitedStates = await sdk.store.payment.listPaymentProviders({ region_id: regions.unitedStates });
    const europe = await sdk.store.payment.listPaymentProviders({ region_id: regions.europe });
    const secondPage = await sdk.store.payment.listPaymentProviders({ region_id: regions.unitedStates, limit: 1, offset: 1 });

    assert.deepEqual(unitedStates, { payment_providers: [{ id: systemProvider, is_enabled: true }], count: 1, offset: 0, limit: 20 });
    assert.deepEqual(europe, { payment_providers: [], count: 0, offset: 0, limit: 20 });
    assert.deepEqual(secondPage, { payment_providers: [], count: 1, offset: 1, limit: 1 });
    const calls = host.traffic.take();
    assert.deepEqual(calls.map(requestLine), [
      `GET /store/payment-providers?region_id=${regions.unitedStates}`,
      `GET /store/payment-providers?region_id=${regions.europe}`,
      `GET /store/payment-providers?region_id=${regions.unitedStates}&limit=1&offset=1`,
    ]);
    for (const call of calls) {
      assert.equal(call.headers.get("x-publishable-api-key"), keys.publishable);
      assert.equal(call.headers.get("authorization"), null);
    }
  });
});

describe("initiatePaymentSession for a guest", () => {
  it("creates the collection of a cart without one, then its session", async () => {
    const sdk = storefront(host.baseUrl);
    const seeded = cart("cart_sdk_guest_checkout");

    const { payment_collection: collection } = await sdk.store.payment.initiatePaymentSession(
      { id: seeded.id }, { provider_id: systemProvider });

    const calls = host.traffic.take();
    assert.deepEqual(calls.map((call) => [requestLine(call), call.body, call.status]), [
      ["POST /store/payment-collections", { cart_id: seeded.id }, 200],
      [`POST /store/payment-collections/${collection.id}/payment-sessions`, { provider_id: systemProvider }, 200],
    ]);
    assert.deepEqual(Object.keys(collection), ["id", "currency_code", "amount", "payment_sessions"]);
    assert.match(collection.id, idPattern("pay_col_"));
    assert.deepEqual([collection.currency_code, collection.amount], [seeded.currency_code, seeded.total]);
    const session = onlySession(collection);
    assert.deepEqual(Object.keys(session), sessionKeys);
    assert.match(session.id, idPattern("payses_"));
    const { id, created_at, updated_at, ...rest } = session;
    assert.deepEqual(rest, {
      currency_code: "usd",
      provider_id: systemProvider,
      data: {},
      context: {},
      status: "pending",
      authorized_at: null,
      payment_collection_id: collection.id,
      payment: null,
      metadata: {},
      raw_amount: { value: "50", precision: 20 },
      deleted_at: null,
      amount: 50,
    });
    assert.match(created_at, timestampPattern);
    assert.equal(updated_at, created_at);
  });

  it("goes straight to the session for a refetched cart with its collection: the same choice keeps the session", async () => {
    const sdk = storefront(host.baseUrl);
    const seeded = cart("cart_sdk_refetched");
    const first = (await sdk.store.payment.initiatePaymentSession({ id: seeded.id }, { provider_id: systemProvider })).payment_collection;
    host.traffic.take();
    const refetched = { id: seeded.id, payment_collection: { id: first.id } };

    const same = (await sdk.store.payment.initiatePaymentSession(refetched, { provider_id: systemProvider })).payment_collection;
    const withData = (await sdk.store.payment.initiatePaymentSession(
      refetched, { provider_id: systemProvider, data: { gift_wrap: true } }, { fields: "+status" })).payment_collection;

    assert.deepEqual(host.traffic.take().map(requestLine), [
      `POST /store/payment-collections/${first.id}/payment-sessions`,
      `POST /store/payment-collections/${first.id}/payment-sessions?fields=+status`,
    ]);
    assert.equal(onlySession(same).id, onlySession(first).id, "an identical request reuses the session (spec D3)");
    assert.deepEqual([same.amount, onlySession(same).raw_amount], [19.99, { value: "19.99", precision: 20 }]);
    assert.deepEqual(Object.keys(withData), ["id", "currency_code", "amount", "status", "payment_sessions"]);
    assert.equal(withData.status, "not_paid");
    const replaced = onlySession(withData);
    assert.notEqual(replaced.id, onlySession(first).id, "new data makes a new session");
    assert.deepEqual([replaced.data, replaced.amount], [{ gift_wrap: true }, seeded.total]);
  });

  it("answers a stale cart without payment_collection with the cart's existing collection", async () => {
    const sdk = storefront(host.baseUrl);
    const stale = { id: cart("cart_sdk_stale").id };
    const first = (await sdk.store.payment.initiatePaymentSession(stale, { provider_id: systemProvider })).payment_collection;

    const second = (await sdk.store.payment.initiatePaymentSession(stale, { provider_id: systemProvider, data: { attempt: 2 } })).payment_collection;

    assert.deepEqual(host.traffic.take().map(requestLine), [
      "POST /store/payment-collections",
      `POST /store/payment-collections/${first.id}/payment-sessions`,
      "POST /store/payment-collections",
      `POST /store/payment-collections/${first.id}/payment-sessions`,
    ]);
    assert.equal(second.id, first.id, "one collection per cart");
    assert.deepEqual(onlySession(second).data, { attempt: 2 });
  });

  it("gives a shopper who clicks pay eight times at once one collection and one session", async () => {
    const sdk = storefront(host.baseUrl);
    const seeded = cart("cart_sdk_double_click");

    const collections = (await Promise.all(Array.from({ length: 8 }, () =>
      sdk.store.payment.initiatePaymentSession({ id: seeded.id }, { provider_id: systemProvider }))))
      .map((response) => response.payment_collection);

    assert.equal(host.traffic.take().filter((call) => call.status === 200).length, 16);
    assert.equal(new Set(collections.map((collection) => collection.id)).size, 1, "one collection for the cart");
    assert.equal(new Set(collections.map((collection) => onlySession(collection).id)).size, 1, "identical requests share one session");
    const refetched = { id: seeded.id, payment_collection: { id: collections[0].id } };
    const after = (await sdk.store.payment.initiatePaymentSession(refetched, { provider_id: systemProvider })).payment_collection;
    assert.deepEqual([onlySession(after).id, after.amount], [onlySession(collections[0]).id, 42.5]);
  });
});

describe("initiatePaymentSession for a logged-in customer", () => {
  it("gives the customer's sessions Medusa's context: the customer and the account holder", async () => {
    const token = customerToken(customer.id, jwtSecret);
    const sdk = await customerStorefront(host.baseUrl, token);
    const cartId = cart("cart_sdk_customer").id;

    const first = (await sdk.store.payment.initiatePaymentSession({ id: cartId }, { provider_id: systemProvider })).payment_collection;
    const refetched = { id: cartId, payment_collection: { id: first.id } };
    const next = (await sdk.store.payment.initiatePaymentSession(refetched, { provider_id: systemProvider, data: { step: 2 } })).payment_collection;

    for (const call of host.traffic.take()) {
      assert.equal(call.headers.get("authorization"), `Bearer ${token}`, requestLine(call));
      assert.equal(call.headers.get("x-publishable-api-key"), keys.publishable);
    }
    const recordedFirst = recordedCustomerContext("20-store-payment-session-customer");
    const context = onlySession(first).context;
    assert.deepEqual(Object.keys(context), Object.keys(recordedFirst));
    assert.deepEqual(Object.keys(context.customer), Object.keys(recordedFirst.customer));
    assert.deepEqual(context.customer, recordedFirst.customer, "the seeded customer is the recorded run's, so it reads the same");
    const holder = context.account_holder;
    assert.deepEqual(Object.keys(holder), Object.keys(recordedFirst.account_holder));
    assert.match(holder.id, idPattern("acchld_"));
    const { id, created_at, updated_at, ...holderRest } = holder;
    assert.deepEqual(holderRest, { data: {}, email: customer.email, metadata: null, deleted_at: null, external_id: customer.id, provider_id: systemProvider });
    assert.match(created_at, timestampPattern);
    assert.equal(updated_at, created_at);

    const recordedNext = recordedCustomerContext("21-store-payment-session-customer-again");
    const nextContext = onlySession(next).context;
    assert.notEqual(onlySession(next).id, onlySession(first).id);
    assert.deepEqual(Object.keys(nextContext.customer), Object.keys(recordedNext.customer));
    assert.deepEqual(nextContext.customer.account_holders, [holder], "the holder is listed under the customer and reused");
    assert.deepEqual(nextContext.account_holder, holder);
  });

  it("treats a signed-out shopper and an expired token as a guest: context {}", async () => {
    const sdk = await customerStorefront(host.baseUrl);
    const cartId = cart("cart_sdk_customer_signed_out").id;
    await sdk.client.clearToken();
    const signedOut = (await sdk.store.payment.initiatePaymentSession({ id: cartId }, { provider_id: systemProvider })).payment_collection;
    const twoDaysAgo = Math.floor(Date.now() / 1000) - 2 * 24 * 60 * 60;
    const expired = await customerStorefront(host.baseUrl, customerToken(customer.id, jwtSecret, { issuedAt: twoDaysAgo }));

    const withExpiredToken = (await expired.store.payment.initiatePaymentSession(
      { id: cartId, payment_collection: { id: signedOut.id } }, { provider_id: systemProvider })).payment_collection;

    const calls = host.traffic.take();
    assert.deepEqual(calls.map((call) => call.headers.has("authorization")), [false, false, true]);
    assert.deepEqual(onlySession(signedOut).context, {});
    assert.deepEqual(onlySession(withExpiredToken).context, {}, "an expired token is a guest, not an error, as in Medusa");
    assert.equal(onlySession(withExpiredToken).id, onlySession(signedOut).id, "both are the same guest's request");
  });
});

describe("a storefront in a browser", () => {
  it("may send every request the SDK makes for a logged-in shopper (CORS preflight)", async () => {
    const sdk = await customerStorefront(host.baseUrl);
    const cartId = cart("cart_sdk_browser").id;

    await sdk.store.payment.listPaymentProviders({ region_id: regions.unitedStates });
    const { payment_collection: collection } = await sdk.store.payment.initiatePaymentSession({ id: cartId }, { provider_id: systemProvider });
    await sdk.store.payment.initiatePaymentSession({ id: cartId, payment_collection: { id: collection.id } }, { provider_id: systemProvider });

    await assertBrowserWouldSend(host.baseUrl, origins.storefront, host.traffic.take());
  });
});

describe("errors through the SDK", () => {
  it("rejects with the SDK's FetchError carrying Medusa's status and message", async () => {
    const sdk = storefront(host.baseUrl);

    await assertMedusaError(
      sdk.store.payment.initiatePaymentSession({ id: "cart_sdk_does_not_exist" }, { provider_id: systemProvider }),
      404, "Cart id not found: cart_sdk_does_not_exist");
    await assertMedusaError(
      sdk.store.payment.initiatePaymentSession({ id: cart("cart_sdk_europe").id }, { provider_id: systemProvider }),
      400, `Payment provider ${systemProvider} is not enabled in the cart's region ${regions.europe}.`);
    await assertMedusaError(sdk.store.payment.listPaymentProviders({}), 400, "Invalid request: Field 'region_id' is required");
    await assertMedusaError(
      storefront(host.baseUrl, { publishableKey: keys.revokedPublishable }).store.payment.listPaymentProviders({ region_id: regions.unitedStates }),
      400, "A valid publishable key is required to proceed with the request");
    await assertMedusaError(
      storefront(host.baseUrl, { publishableKey: "" }).store.payment.listPaymentProviders({ region_id: regions.unitedStates }),
      400, "Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.");

    assert.deepEqual(host.traffic.take().map((call) => call.status), [404, 200, 400, 400, 400, 400]);
  });
});

it("left no error in the host's log", () => {
  assert.doesNotMatch(host.log(), /^(fail|crit): /m);
});
