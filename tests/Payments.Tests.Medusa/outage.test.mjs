// The network between Medusa and this service fails: the service is down, or it moved money and Medusa's module never
// heard the answer. Medusa's checkout and admin answer a clear error, nothing is half-done, and the module's retries
// with the same Idempotency-Key converge on one move (docs/medusa.md, "When something fails").
import assert from "node:assert/strict"
import { afterEach, describe, it } from "node:test"
import {
  adminOrder,
  assertMedusaError,
  cartWithOneTee,
  dashboard,
  moduleNetwork,
  paidOrder,
  refetchCart,
  routings,
  storefront,
  systemProvider,
} from "./support/stack.mjs"

const unavailable = "The payment service is unavailable, try again"

/** Asserts that the module sent a move twice with one Idempotency-Key, and that the first answer was the one lost. */
function assertRetriedOnce(relayed, pathEnd) {
  const attempts = relayed.filter((request) => request.path.endsWith(pathEnd))
  assert.deepEqual(attempts.map((attempt) => attempt.answerLost), [true, false], pathEnd)
  assert.equal(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size, 1, pathEnd)
}

describe("when the network to Payments.Functions fails", () => {
  afterEach(() => moduleNetwork.heal())

  it("answers a storefront's new collection with a clear error while the service is down", async () => {
    const { shop, payments } = await storefront(routings.medusa)
    const cart = await cartWithOneTee(shop)

    await moduleNetwork.set({ down: true })
    await assertMedusaError(payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider }), 500, unavailable)
    await moduleNetwork.heal()

    assert.equal((await refetchCart(shop, cart.id)).payment_collection, undefined)
  })

  it("answers a storefront's new session with a clear error while the service is down, and opens one once it is back", async () => {
    const { shop, payments } = await storefront(routings.medusa)
    const { id } = await cartWithOneTee(shop)
    await payments.client.fetch("/store/payment-collections", { method: "POST", body: { cart_id: id } })
    const cart = await refetchCart(shop, id)

    await moduleNetwork.set({ down: true })
    await assertMedusaError(payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider }), 500, unavailable)
    await moduleNetwork.heal()

    await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
    const { payment_collection: collection } = await refetchCart(shop, id)
    assert.deepEqual(collection.payment_sessions.map((session) => session.status), ["pending"])
  })

  it("creates one collection and one session when the module's answers to them are lost", async () => {
    const { shop, payments } = await storefront(routings.medusa)
    const cart = await cartWithOneTee(shop)
    await moduleNetwork.takeRelayed()

    await moduleNetwork.set({ loseAnswers: { "/payment-collections$": 1, "/payment-sessions$": 1 } })
    const { payment_collection: answered } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    const relayed = await moduleNetwork.takeRelayed()
    assertRetriedOnce(relayed, "/payment-collections")
    assertRetriedOnce(relayed, "/payment-sessions")
    const { payment_collection: collection } = await refetchCart(shop, cart.id)
    assert.equal(collection.id, answered.id)
    assert.equal(collection.payment_sessions.length, 1, JSON.stringify(collection.payment_sessions))
  })

  it("places no order while the service is down, and one order with one payment once it is back", async () => {
    const { shop, payments } = await storefront(routings.medusa)
    const cart = await cartWithOneTee(shop)
    await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    await moduleNetwork.set({ down: true })
    await assertMedusaError(shop.store.cart.complete(cart.id), 500, unavailable)
    await moduleNetwork.heal()

    assert.equal((await refetchCart(shop, cart.id)).completed_at, null)
    const completion = await shop.store.cart.complete(cart.id)
    assert.equal(completion.type, "order", JSON.stringify(completion.error))
    const order = await adminOrder(completion.order.id)
    assert.equal(order.payment_status, "authorized")
    assert.equal(order.payment_collections[0].payments.length, 1)
  })

  it("authorizes once when the answer to the module's authorization is lost", async () => {
    const { shop, payments } = await storefront(routings.medusa)
    const cart = await cartWithOneTee(shop)
    await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
    await moduleNetwork.takeRelayed()

    await moduleNetwork.set({ loseAnswers: { "/authorize$": 1 } })
    const completion = await shop.store.cart.complete(cart.id)

    assert.equal(completion.type, "order", JSON.stringify(completion.error))
    assertRetriedOnce(await moduleNetwork.takeRelayed(), "/authorize")
    const order = await adminOrder(completion.order.id)
    assert.equal(order.payment_status, "authorized")
    assert.equal(order.payment_collections[0].payments.length, 1)
  })

  it("captures once when the answer to Medusa's admin breaks off after its headers", async () => {
    const order = await paidOrder(routings.medusa)
    const [payment] = order.payment_collections[0].payments
    const admin = await dashboard()
    await moduleNetwork.takeRelayed()

    await moduleNetwork.set({ breakAnswers: { "/capture$": 1 } })
    await admin.admin.payment.capture(payment.id, {})

    assertRetriedOnce(await moduleNetwork.takeRelayed(), "/capture")
    const [captured] = (await adminOrder(order.id)).payment_collections[0].payments
    assert.deepEqual(captured.captures.map((capture) => capture.amount), [25])
  })

  it("captures and refunds once when the answers to Medusa's admin are lost", async () => {
    const order = await paidOrder(routings.medusa)
    const [payment] = order.payment_collections[0].payments
    const admin = await dashboard()
    await moduleNetwork.takeRelayed()

    await moduleNetwork.set({ loseAnswers: { "/capture$": 1, "/refund$": 1 } })
    await admin.admin.payment.capture(payment.id, {})
    await admin.admin.payment.refund(payment.id, { amount: 10 })

    const relayed = await moduleNetwork.takeRelayed()
    assertRetriedOnce(relayed, "/capture")
    assertRetriedOnce(relayed, "/refund")
    const moved = await adminOrder(order.id)
    assert.equal(moved.payment_status, "partially_refunded")
    const [paid] = moved.payment_collections[0].payments
    assert.deepEqual(paid.captures.map((capture) => capture.amount), [25])
    assert.deepEqual(paid.refunds.map((refund) => refund.amount), [10])
  })
})
