// The guarantees of docs/api.md carried through Medusa: concurrent initialisations leave one session, a cart has one
// collection whichever side created it, a cart's amount reaches its collection without this service reading the cart,
// and a completed cart takes no new money.
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import {
  assertMedusaError,
  cartWithOneTee,
  refetchCart,
  routings,
  serviceUrl,
  state,
  stockMedusa,
  storefront,
  systemProvider,
} from "./support/stack.mjs"

describe("payment sessions", () => {
  for (const routing of Object.values(routings)) {
    it(`leaves one session after 8 concurrent initialisations, ${routing.name}`, async () => {
      const { shop, payments } = await storefront(routing)
      const cart = await cartWithOneTee(shop)
      const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
      const withCollection = { ...cart, payment_collection: collection }

      const answers = await Promise.allSettled(Array.from({ length: 8 }, () =>
        payments.store.payment.initiatePaymentSession(withCollection, { provider_id: systemProvider })))

      assert.deepEqual(answers.filter((answer) => answer.status === "rejected").map((answer) => String(answer.reason)), [])
      const sessions = (await refetchCart(shop, cart.id)).payment_collection.payment_sessions
      assert.equal(sessions.length, 1, JSON.stringify(sessions))
      const completion = await shop.store.cart.complete(cart.id)
      assert.equal(completion.type, "order", JSON.stringify(completion.error))
    })
  }

  // Medusa's route lets one call create a cart's collection and fails those that raced it with a bare Error (a 500), a
  // stock Medusa alike; the fast path answers them all the cart's one collection.
  const raceRefusal = "500 An unknown error occurred."
  for (const [routing, refusals] of [[routings.medusa, [raceRefusal]], [routings.fastPath, []], [stockMedusa, [raceRefusal]]]) {
    it(`leaves one collection and one session after 8 concurrent initialisations from a cart without one, ${routing.name}`, async () => {
      const seeded = routing.seeded ?? state
      const { shop, payments } = await storefront(routing)
      const cart = await cartWithOneTee(shop, undefined, seeded.regionId, seeded)

      const answers = await Promise.allSettled(Array.from({ length: 8 }, () =>
        payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })))

      const refused = answers.filter((answer) => answer.status === "rejected").map(({ reason }) => `${reason.status} ${reason.message}`)
      assert.deepEqual(refused.filter((refusal) => !refusals.includes(refusal)), [])
      const collections = new Set(answers.filter((answer) => answer.status === "fulfilled").map(({ value }) => value.payment_collection.id))
      assert.equal(collections.size, 1)
      const { payment_collection: collection } = await refetchCart(shop, cart.id)
      assert.equal(collection.id, [...collections][0])
      assert.equal(collection.payment_sessions.length, 1, JSON.stringify(collection.payment_sessions))
    })
  }

  it("answers the collection Medusa created for a cart on the fast path", async () => {
    const viaMedusa = await storefront(routings.medusa)
    const cart = await cartWithOneTee(viaMedusa.shop)
    const { payment_collection: created } = await viaMedusa.payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    const viaService = await storefront(routings.fastPath)
    const { payment_collection: found } = await viaService.payments.client.fetch("/store/payment-collections", {
      method: "POST",
      body: { cart_id: cart.id },
    })

    assert.equal(found.id, created.id)
  })

  it("links a collection created on the fast path to the cart in Medusa before the cart completes", async () => {
    const { shop, payments } = await storefront(routings.fastPath)
    const cart = await cartWithOneTee(shop)

    const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    assert.equal((await refetchCart(shop, cart.id)).payment_collection.id, collection.id)
  })

  it("keeps the collection's amount equal to the cart's total after the cart changes, sessions reset", async () => {
    const { shop, payments } = await storefront(routings.fastPath)
    const cart = await cartWithOneTee(shop)
    await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    const { cart: bigger } = await shop.store.cart.updateLineItem(cart.id, cart.items[0].id, { quantity: 3 })

    const refreshed = await refetchCart(shop, bigger.id)
    assert.equal(refreshed.payment_collection.amount, 75)
    assert.deepEqual(refreshed.payment_collection.payment_sessions, [])
    const { payment_collection: again } = await payments.store.payment.initiatePaymentSession(refreshed, { provider_id: systemProvider })
    assert.equal(again.payment_sessions[0].amount, 75)
  })

  for (const routing of Object.values(routings)) {
    it(`refuses a new session for a completed cart, ${routing.name}`, async () => {
      const { shop, payments } = await storefront(routing)
      const cart = await cartWithOneTee(shop)
      await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
      const completion = await shop.store.cart.complete(cart.id)
      assert.equal(completion.type, "order", JSON.stringify(completion.error))

      const completed = await refetchCart(shop, cart.id)
      await assertMedusaError(
        payments.store.payment.initiatePaymentSession(completed, { provider_id: systemProvider }),
        400,
        `Cart ${cart.id} is already completed.`
      )
    })
  }

  it("refuses the module's calls without the module key", async () => {
    const answer = await fetch(`${serviceUrl}/module/query/payment_provider`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${state.moduleApiKey}x` },
      body: JSON.stringify({ filters: {}, relations: [], count: false }),
    })
    assert.equal(answer.status, 401)
  })
})
