// What the end-to-end tests talk to, as run.sh started it: a real Medusa with @payments-functions/medusa and
// Payments.Functions' local host in backend mode with the module key. The SDK clients are configured as a storefront
// and the admin dashboard configure theirs; a storefront's payment calls go either to Medusa (its routes call the
// module) or straight to Payments.Functions (the fast path), whose routes are Medusa's own paths.
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"
import Medusa, { FetchError } from "@medusajs/js-sdk"

const stateFile = process.env.PAYMENTS_MEDUSA_STATE
assert.ok(stateFile, "PAYMENTS_MEDUSA_STATE is not set: run the suite with tests/Payments.Tests.Medusa/run.sh")

/** Medusa's seeded ids and keys (scripts/medusa.sh seed). */
export const state = JSON.parse(readFileSync(stateFile, "utf8"))
export const medusaUrl = state.medusaUrl
export const serviceUrl = process.env.PAYMENTS_SERVICE_URL
/** The fake Stripe this service's Stripe family talks to (tests/Payments.Tests.FakeStripe.Host). */
export const fakeStripeUrl = process.env.PAYMENTS_FAKE_STRIPE_URL
export const systemProvider = "pp_system_default"

/** The two places a storefront's payment calls can go. */
export const routings = {
  medusa: { name: "through Medusa", paymentsUrl: medusaUrl },
  fastPath: { name: "straight to Payments.Functions", paymentsUrl: serviceUrl },
}

const stockState = JSON.parse(readFileSync(process.env.PAYMENTS_STOCK_MEDUSA_STATE, "utf8"))

/**
 * A second Medusa 2.21.2, on its own Payment Module (run.sh starts it, seeded alike): where Medusa's own behaviour is
 * what this service and the plugin must match, the suite asks it too. Its carts and payment calls are its own.
 */
export const stockMedusa = { name: "on a stock Medusa", paymentsUrl: stockState.medusaUrl, seeded: stockState }

/** A storefront: carts and customers at Medusa, payment calls where the routing sends them. */
export async function storefront(routing, token) {
  const seeded = routing.seeded ?? state
  const make = (baseUrl) => new Medusa({
    baseUrl,
    publishableKey: seeded.publishableKey,
    auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
  })
  const shop = make(seeded.medusaUrl)
  const payments = make(routing.paymentsUrl)
  if (token) {
    await shop.client.setToken(token)
    await payments.client.setToken(token)
  }
  return { shop, payments }
}

/** The admin dashboard after its user logged in at Medusa (the suite's, unless the seeded state of another is given). */
export async function dashboard(seeded = state) {
  const sdk = new Medusa({ baseUrl: seeded.medusaUrl, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
  await sdk.auth.login("user", "emailpass", { email: seeded.admin.email, password: seeded.admin.password })
  return sdk
}

/** A shopper who registers at Medusa and logs in; answers the customer and the token the storefront keeps. */
export async function registeredCustomer() {
  const email = `shopper-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@payments-functions.test`
  const sdk = new Medusa({ baseUrl: medusaUrl, publishableKey: state.publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
  await sdk.auth.register("customer", "emailpass", { email, password: "e2e-password" })
  const { customer } = await sdk.store.customer.create({ email, first_name: "Ada", last_name: "Shopper" })
  const token = await sdk.auth.login("customer", "emailpass", { email, password: "e2e-password" })
  return { customer, token }
}

/** A cart with one tee, 25 in the region's currency (USD unless told), as a storefront builds it; answers the cart Medusa returns. */
export async function cartWithOneTee(shop, email = "guest@payments-functions.test", regionId = state.regionId, seeded = state) {
  const { cart } = await shop.store.cart.create({ region_id: regionId, email, sales_channel_id: seeded.salesChannelId })
  const { cart: filled } = await shop.store.cart.createLineItem(cart.id, { variant_id: seeded.variantId, quantity: 1 })
  return filled
}

/** The cart as the storefront refetches it before paying. */
export async function refetchCart(shop, cartId) {
  return (await shop.store.cart.retrieve(cartId, { fields: "id,total,completed_at,*payment_collection,*payment_collection.payment_sessions" })).cart
}

/** Ids of this service: a prefix and a ULID (docs/api.md, "Values"); Medusa's own module makes others. */
export const idOfOurs = (prefix) => new RegExp(`^${prefix}[0-9A-HJKMNP-TV-Z]{26}$`)

/** The fields Medusa's admin dashboard asks for on an order's page (its order-detail constants), the payment part. */
export const dashboardOrderFields = [
  "id", "status", "currency_code", "total", "refundable_total", "+summary",
  "*payment_collections", "*payment_collections.payment_sessions", "*payment_collections.payments",
  "*payment_collections.payments.refunds", "*payment_collections.payments.refunds.refund_reason",
].join(",")

/** Asserts that an SDK call failed as Medusa fails it. */
export async function assertMedusaError(promise, status, message) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof FetchError, `expected the SDK's FetchError, got ${error}`)
    assert.deepEqual({ status: error.status, message: error.message }, { status, message })
    return true
  })
}

/** An order placed through the routing, paid with the system provider. */
export async function paidOrder(routing) {
  const { shop, payments } = await storefront(routing)
  const cart = await cartWithOneTee(shop)
  await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
  const completion = await shop.store.cart.complete(cart.id)
  assert.equal(completion.type, "order", JSON.stringify(completion.error))
  return adminOrder(completion.order.id)
}

/** The order as Medusa's admin API computes it: payment_status is aggregated from the collections' amounts. */
export async function adminOrder(orderId, seeded = state) {
  const admin = await dashboard(seeded)
  const { order } = await admin.admin.order.retrieve(orderId, {
    fields: "id,customer_id,payment_status,*payment_collections,*payment_collections.payment_sessions,*payment_collections.payments,*payment_collections.payments.refunds,*payment_collections.payments.captures",
  })
  return order
}

/**
 * A call of this service's own admin routes, with the token Medusa's admin login gave (the same JWT_SECRET signs it):
 * a POST of the body, or a GET without one.
 */
export async function serviceAdmin(path, body) {
  const token = await (await dashboard()).client.getToken()
  return fetch(`${serviceUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** What reaches Medusa from the service's outbox: waited for within a bound. */
export async function eventually(probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** The network between Medusa's module and this service (support/relay.mjs): faults to set, and what it relayed. */
export const moduleNetwork = {
  async set(faults) {
    await fetch(`${process.env.PAYMENTS_RELAY_CONTROL_URL}/faults`, { method: "PUT", body: JSON.stringify(faults) })
  },
  async heal() {
    await this.set({})
  },
  /** The requests relayed since the last call. */
  async takeRelayed() {
    return (await fetch(`${process.env.PAYMENTS_RELAY_CONTROL_URL}/requests`, { method: "DELETE" })).json()
  },
}
